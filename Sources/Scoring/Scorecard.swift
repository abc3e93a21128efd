/// The graded result of one transcript, in the `grade` contract's shape (PRODUCT.md), extended
/// with titles, statuses and model phrasings for the scorecard the trainee sees.
public struct Scorecard: Codable, Sendable, Hashable {
  public var id: String
  public var scenario: String
  /// 0–100, one decimal.
  public var score: Double
  /// False when a red line was crossed, whatever the points, or the score is under the pass mark.
  public var passed: Bool
  public var passMark: Double
  public var redLines: [RedLineHit]
  public var dimensions: [DimensionScore]
  public var criteria: [CriterionResult]
  /// How the conversation ended (the ending's id), when the customer model replayed it.
  public var ending: String?
  /// The ending's outcome name (`resolved`, `escalated-regulator`, …).
  public var outcome: String?
  public var mood: [String: Int]?
  /// Plain statements about what could not be judged, and why.
  public var notes: [String]

  enum CodingKeys: String, CodingKey {
    case id, scenario, score, passed, passMark = "pass_mark", redLines = "red_lines", dimensions, criteria
    case ending, outcome, mood, notes
  }

  public init(
    id: String, scenario: String, score: Double, passed: Bool, passMark: Double, redLines: [RedLineHit],
    dimensions: [DimensionScore], criteria: [CriterionResult], ending: String?, outcome: String? = nil,
    mood: [String: Int]?, notes: [String]
  ) {
    self.id = id
    self.scenario = scenario
    self.score = score
    self.passed = passed
    self.passMark = passMark
    self.redLines = redLines
    self.dimensions = dimensions
    self.criteria = criteria
    self.ending = ending
    self.outcome = outcome
    self.mood = mood
    self.notes = notes
  }
}

/// A red line crossed: where, and the trainee's own words.
public struct RedLineHit: Codable, Sendable, Hashable {
  public var id: String
  public var title: String
  /// The trainee turn number (1-based, counting trainee turns only).
  public var turn: Int
  public var quote: String
  public var feedback: String
  /// What found it: the cue and the words it matched, or the red-line model's probability and
  /// the words that weighed most (see ``RedLineModel``).
  public var basis: String?

  public init(id: String, title: String, turn: Int, quote: String, feedback: String, basis: String? = nil) {
    self.id = id
    self.title = title
    self.turn = turn
    self.quote = quote
    self.feedback = feedback
    self.basis = basis
  }
}

/// A dimension's share of the score.
public struct DimensionScore: Codable, Sendable, Hashable {
  public var id: String
  public var title: String
  public var score: Double
  /// This dimension's weight after normalisation (the most it can contribute).
  public var max: Double
}

/// One criterion's result, with the evidence behind it.
public struct CriterionResult: Codable, Sendable, Hashable {
  public var id: String {
    get { criterion.id }
    set { criterion = criterion.with(id: newValue) }
  }
  public var title: String {
    get { criterion.title }
    set { criterion = criterion.with(title: newValue) }
  }
  public var dimension: String {
    get { criterion.dimension }
    set { criterion = criterion.with(dimension: newValue) }
  }
  public var status: Status
  public var points: Double
  public var max: Double {
    get { criterion.max }
    set { criterion = criterion.with(max: newValue) }
  }
  public var evidence: [Evidence]
  /// What the course expected (when points were lost) or what was done well.
  public var feedback: String {
    get { criterion.feedback }
    set { criterion = criterion.with(feedback: newValue) }
  }
  /// The course's model phrasing.
  public var model: String? {
    get { criterion.model }
    set { criterion = criterion.with(model: newValue) }
  }
  /// What results of a criterion share (ids, titles, points available, model phrasing, and one
  /// of a few feedbacks), in one shared box: a scorecard holds a result per criterion, and these
  /// six fields held directly cost six retains to build each result and six releases to free it.
  private var criterion: Criterion

  /// The fixed part of a criterion's results, with one of its feedbacks.
  final class Criterion: Sendable {
    let id: String
    let title: String
    let dimension: String
    let max: Double
    let model: String?
    let feedback: String

    init(id: String, title: String, dimension: String, max: Double, model: String?, feedback: String) {
      self.id = id
      self.title = title
      self.dimension = dimension
      self.max = max
      self.model = model
      self.feedback = feedback
    }

    /// This box with one field changed (a result's fields stay settable, like stored ones).
    func with(
      id: String? = nil, title: String? = nil, dimension: String? = nil, max: Double? = nil, model: String?? = nil,
      feedback: String? = nil
    ) -> Criterion {
      Criterion(
        id: id ?? self.id, title: title ?? self.title, dimension: dimension ?? self.dimension, max: max ?? self.max,
        model: model ?? self.model, feedback: feedback ?? self.feedback)
    }
  }

  init(criterion: Criterion, status: Status, points: Double, evidence: [Evidence]) {
    self.criterion = criterion
    self.status = status
    self.points = points
    self.evidence = evidence
  }

  public init(
    id: String, title: String, dimension: String, status: Status, points: Double, max: Double, evidence: [Evidence],
    feedback: String, model: String?
  ) {
    self.init(
      criterion: Criterion(id: id, title: title, dimension: dimension, max: max, model: model, feedback: feedback),
      status: status, points: points, evidence: evidence)
  }

  enum CodingKeys: String, CodingKey {
    case id, title, dimension, status, points, max, evidence, feedback, model
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      id: container.decode(String.self, forKey: .id), title: container.decode(String.self, forKey: .title),
      dimension: container.decode(String.self, forKey: .dimension), status: container.decode(Status.self, forKey: .status),
      points: container.decode(Double.self, forKey: .points), max: container.decode(Double.self, forKey: .max),
      evidence: container.decode([Evidence].self, forKey: .evidence),
      feedback: container.decode(String.self, forKey: .feedback),
      model: container.decodeIfPresent(String.self, forKey: .model))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(title, forKey: .title)
    try container.encode(dimension, forKey: .dimension)
    try container.encode(status, forKey: .status)
    try container.encode(points, forKey: .points)
    try container.encode(max, forKey: .max)
    try container.encode(evidence, forKey: .evidence)
    try container.encode(feedback, forKey: .feedback)
    try container.encodeIfPresent(model, forKey: .model)
  }

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.id == rhs.id && lhs.title == rhs.title && lhs.dimension == rhs.dimension && lhs.status == rhs.status
      && lhs.points == rhs.points && lhs.max == rhs.max && lhs.evidence == rhs.evidence && lhs.feedback == rhs.feedback
      && lhs.model == rhs.model
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(title)
    hasher.combine(dimension)
    hasher.combine(status)
    hasher.combine(points)
    hasher.combine(max)
    hasher.combine(evidence)
    hasher.combine(feedback)
    hasher.combine(model)
  }

  public enum Status: String, Codable, Sendable, Hashable {
    case met, partial, missed
    case notApplicable = "not-applicable"
  }

  /// A quote from the trainee, with why it counted.
  public struct Evidence: Codable, Sendable, Hashable {
    public var turn: Int
    public var quote: String
    public var cue: String?
    public var match: String?
  }
}
