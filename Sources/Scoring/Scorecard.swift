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
  public var id: String
  public var title: String
  public var dimension: String
  public var status: Status
  public var points: Double
  public var max: Double
  public var evidence: [Evidence]
  /// What the course expected (when points were lost) or what was done well.
  public var feedback: String
  /// The course's model phrasing.
  public var model: String?

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
