/// Whether a cue is something the course wants to see, wants to avoid, or neither.
public enum CuePolarity: String, Codable, Sendable, CaseIterable {
  case positive
  case negative
  case neutral
}

/// Recognisers that are code rather than phrases, because what they find has structure:
/// numbers and dates, money, personal data.
public enum BuiltInDetector: String, Codable, Sendable, CaseIterable {
  /// A time frame for the next step: "24小时内", "三个工作日", "明天中午12点前".
  case timeFrame = "time-frame"
  /// An amount of money: "3600元", "两千块".
  case amount
  /// Generic personal data: mainland ID numbers, mobile numbers, bank card numbers.
  case personalData = "personal-data"
}

/// One thing a trainee reply can do ("shows empathy", "blames the customer"), compiled.
public struct CueDefinition: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var polarity: CuePolarity
  public var patterns: [CuePattern]
  /// Phrases inside which a pattern hit does not count ("不能让您失望" is no refusal).
  public var exceptions: [String]
  /// Words that cancel a hit when they stand right before it ("不" before "理解").
  public var negators: [String]
  public var detector: BuiltInDetector?
  /// Similarity threshold for the fuzzy layer over `matchExamples`; nil turns it off.
  public var fuzzyThreshold: Double?
  public var matchExamples: [String]
  public var noMatchExamples: [String]

  public init(
    id: String, title: String, polarity: CuePolarity, patterns: [CuePattern],
    exceptions: [String], negators: [String], detector: BuiltInDetector?,
    fuzzyThreshold: Double?, matchExamples: [String], noMatchExamples: [String]
  ) {
    self.id = id
    self.title = title
    self.polarity = polarity
    self.patterns = patterns
    self.exceptions = exceptions
    self.negators = negators
    self.detector = detector
    self.fuzzyThreshold = fuzzyThreshold
    self.matchExamples = matchExamples
    self.noMatchExamples = noMatchExamples
  }
}

/// All cues of all lexicon files, in a stable order (file order, then declaration order).
public struct CueLexicon: Hashable, Sendable, Codable {
  public var cues: [CueDefinition]

  public init(cues: [CueDefinition]) {
    self.cues = cues
  }

  /// The cue with this id, if any.
  public func cue(_ id: String) -> CueDefinition? {
    cues.first { $0.id == id }
  }
}
