/// A rubric compiled for the scorer: weighted dimensions of criteria, plus red lines.
///
/// Cue, ending and archetype references are kept as ids (Scoring does not depend on the
/// dialogue runtime); the compiler has already checked that they exist.
public struct Rubric: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  /// Score (0–100) needed to pass, unless a red line was crossed.
  public var passMark: Double
  public var dimensions: [Dimension]
  public var redLines: [RedLine]
  /// Points taken off the total for each distinct red line crossed (besides failing the attempt),
  /// so a reply that crosses one never outscores an otherwise similar reply that does not.
  public var redLinePenalty: Double

  public init(
    id: String, title: String, passMark: Double, dimensions: [Dimension], redLines: [RedLine],
    redLinePenalty: Double = 20
  ) {
    self.id = id
    self.title = title
    self.passMark = passMark
    self.dimensions = dimensions
    self.redLines = redLines
    self.redLinePenalty = redLinePenalty
  }

  /// Every criterion, in order, with its dimension.
  public var allCriteria: [(dimension: Dimension, criterion: Criterion)] {
    dimensions.flatMap { dimension in dimension.criteria.map { (dimension, $0) } }
  }
}

/// A weighted group of criteria ("情绪处理", 20).
public struct Dimension: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  /// Relative weight; the scorer normalises weights to 100.
  public var weight: Double
  public var criteria: [Criterion]

  public init(id: String, title: String, weight: Double, criteria: [Criterion]) {
    self.id = id
    self.title = title
    self.weight = weight
    self.criteria = criteria
  }
}

/// One gradable expectation, with the rule that checks it and feedback for the trainee.
public struct Criterion: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var points: Double
  public var appliesTo: Applicability
  public var rule: Rule
  /// What the course expected, shown when points were lost.
  public var feedback: String
  /// The course's model phrasing, shown next to the trainee's words.
  public var model: String?

  public init(
    id: String, title: String, points: Double, appliesTo: Applicability, rule: Rule,
    feedback: String, model: String?
  ) {
    self.id = id
    self.title = title
    self.points = points
    self.appliesTo = appliesTo
    self.rule = rule
    self.feedback = feedback
    self.model = model
  }
}

/// Which scenarios a criterion applies to; empty lists mean "all".
public struct Applicability: Hashable, Sendable, Codable {
  public var archetypes: [String]
  public var variants: [String]

  public init(archetypes: [String] = [], variants: [String] = []) {
    self.archetypes = archetypes
    self.variants = variants
  }

  /// True when a scenario of this archetype and these variants is graded on the criterion.
  public func includes(archetype: String, variants scenarioVariants: [String]) -> Bool {
    (archetypes.isEmpty || archetypes.contains(archetype))
      && (variants.isEmpty || variants.contains(where: scenarioVariants.contains))
  }
}

/// How a criterion is judged over a whole transcript.
public enum Rule: Hashable, Sendable, Codable {
  /// At least `count` replies show one of the cues.
  case present(cues: [String], count: Int)
  /// No reply shows any of the cues.
  case absent(cues: [String])
  /// The first reply with `first` comes no later than the first reply with `before`. When
  /// `before` never occurs: full points if `first` did, unless `onlyIfBefore` makes the
  /// criterion not applicable ("verify identity before discussing the account" says nothing
  /// about a conversation that never discusses the account).
  case ordering(first: String, before: String, onlyIfBefore: Bool = false)
  /// Full points minus `each` per occurrence, losing at most `cap`.
  case penalty(cues: [String], each: Double, cap: Double)
  /// The conversation ended in one of `endings` (outcome names) with mood inside the ranges.
  case outcome(endings: [String], mood: [MoodBound])
  /// Every reply came within `maxSeconds` of the customer turn before it.
  case timing(maxSeconds: Double)

  /// The cue ids the rule reads.
  public var cues: [String] {
    switch self {
    case .present(let cues, _), .absent(let cues), .penalty(let cues, _, _): cues
    case .ordering(let first, let before, _): [first, before]
    case .outcome, .timing: []
    }
  }
}

/// A bound on a final mood variable, for outcome rules.
public struct MoodBound: Hashable, Sendable, Codable {
  public var variable: String
  public var min: Double?
  public var max: Double?

  public init(variable: String, min: Double?, max: Double?) {
    self.variable = variable
    self.min = min
    self.max = max
  }
}

/// Something a handler must never do; one hit fails the attempt whatever the points.
public struct RedLine: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var cues: [String]
  public var feedback: String

  public init(id: String, title: String, cues: [String], feedback: String) {
    self.id = id
    self.title = title
    self.cues = cues
    self.feedback = feedback
  }
}
