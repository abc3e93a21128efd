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

/// What kind of move a cue is, for the customer model: personalities and variants react to
/// kinds of move (warmth, options, citations…) rather than to individual cue ids, so trainers
/// can add cues without touching the engine.
public enum CueTag: String, Codable, Sendable, CaseIterable {
  /// Empathy, apology, thanks: what 影响型 customers respond to.
  case warmth
  /// Solutions and alternatives, a choice: what 支配型 customers want.
  case options
  /// Rules, clauses, figures, evidence: what 分析型 customers reward.
  case citation
  /// A named owner, a time frame, a follow-up, step by step: what 稳健型 customers need.
  case reassurance
  /// A blunt refusal.
  case refusal
  /// Blaming, labelling or threatening the customer.
  case blame
  /// Telling the customer to calm down.
  case calmingOrder = "calming-order"
  /// Jargon the customer cannot follow.
  case jargon
  /// Passing the customer on (推诿), "not our department".
  case shirking
  /// Vague delay: 尽快, 等通知.
  case vagueness
  /// A concession or promise beyond the handler's authority.
  case concession
  /// Disclosing personal data.
  case disclosure
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
  /// The kinds of move this cue is, for the customer model.
  public var tags: [CueTag]

  public init(
    id: String, title: String, polarity: CuePolarity, patterns: [CuePattern],
    exceptions: [String], negators: [String], detector: BuiltInDetector?,
    fuzzyThreshold: Double?, matchExamples: [String], noMatchExamples: [String], tags: [CueTag] = []
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
    self.tags = tags
  }
}

/// A named list of interchangeable words ("third parties": 他, 她, 对方, 收款人…) that patterns,
/// exceptions and negators use as `@id`. Classes keep a lexicon small and let one pattern cover
/// phrasings nobody listed word by word.
public struct WordClass: Hashable, Sendable, Codable {
  public var id: String
  public var words: [String]

  public init(id: String, words: [String]) {
    self.id = id
    self.words = words
  }
}

/// All cues of all lexicon files, in a stable order (file order, then declaration order), and
/// the word classes their patterns use.
public struct CueLexicon: Hashable, Sendable, Codable {
  public var cues: [CueDefinition]
  public var classes: [WordClass]

  public init(cues: [CueDefinition], classes: [WordClass] = []) {
    self.cues = cues
    self.classes = classes
  }

  /// The words a term stands for: a class's words for `@id`, else the term itself.
  public func words(for term: String) -> [String] {
    guard let name = CuePattern.wordClass(in: term) else { return [term] }
    return classes.first { $0.id == name }?.words ?? []
  }

  /// The cue with this id, if any.
  public func cue(_ id: String) -> CueDefinition? {
    cues.first { $0.id == id }
  }
}

/// Cue ids to lexicon indices, built once, so engines compile their rules to integers.
public struct CueIndex: Sendable {
  private let indices: [String: Int32]
  /// Each cue's tags as a bit set (bit = `CueTag` case order).
  public let tagBits: [UInt32]

  public init(_ lexicon: CueLexicon) {
    indices = Dictionary(lexicon.cues.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { first, _ in first })
    tagBits = lexicon.cues.map { cue in cue.tags.reduce(0) { $0 | $1.bit } }
  }

  /// The index of a cue id; the disclosure pseudo-cue maps to ``CueHit/disclosureIndex``;
  /// unknown ids map to -1, which no hit carries.
  public func callAsFunction(_ id: String) -> Int32 {
    if id == DisclosureDetector.cueID { return CueHit.disclosureIndex }
    return indices[id] ?? -1
  }

  /// Indices of several cue ids, sorted.
  public func callAsFunction(_ ids: [String]) -> [Int32] {
    ids.map { self($0) }.sorted()
  }
}

extension CueTag {
  /// This tag's bit in a ``CueIndex/tagBits`` mask.
  public var bit: UInt32 { 1 << UInt32(Self.declarationOrder.firstIndex(of: self) ?? 0) }

  /// `allCases`, made once: the customer model asks for tag bits every turn, and `allCases`
  /// builds a new array each time.
  private static let declarationOrder = allCases
}
