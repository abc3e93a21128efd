/// One cue found in a reply: which cue, where (in folded scalars), and why — the pattern, the
/// recogniser or the example sentence that matched, so every point can be explained.
public struct CueHit: Sendable, Hashable, Codable {
  public var cue: String
  /// The cue's position in the lexicon (``CueIndex``), so engines can test membership without
  /// hashing strings; ``CueHit/disclosureIndex`` for confidential disclosures.
  public var cueIndex: Int32
  public var range: Range<Int>
  public var evidence: Evidence
  /// For ``Evidence/pattern(_:)`` hits, the pattern's place among the lexicon's patterns (cue by
  /// cue, each cue's in order), so what is written about a pattern can be looked up by position
  /// rather than by its text; -1 for other hits.
  public var patternIndex: Int32

  /// The index carried by confidential-disclosure hits, which belong to no lexicon cue.
  public static let disclosureIndex: Int32 = -2

  public enum Evidence: Sendable, Hashable, Codable {
    /// A lexicon pattern matched, as the trainer wrote it.
    case pattern(String)
    /// A built-in recogniser found a quantity ("24 hours within").
    case detector(Quantity.Kind, String)
    /// The reply paraphrases one of the cue's example sentences.
    case example(String, similarity: Double)
    /// A confidential fact of the scenario appeared in the reply.
    case disclosure(fact: String, text: String)
  }

  public init(cue: String, cueIndex: Int32, range: Range<Int>, evidence: Evidence, patternIndex: Int32 = -1) {
    self.cue = cue
    self.cueIndex = cueIndex
    self.range = range
    self.evidence = evidence
    self.patternIndex = patternIndex
  }

  /// A short human explanation of why this cue was recognised.
  public var explanation: String {
    switch evidence {
    case .pattern(let source): "pattern '\(source)'"
    case .detector(let kind, let value): "\(kind.rawValue): \(value)"
    case .example(let example, let similarity): "close to example '\(example)' (\(Int((similarity * 100).rounded()))%)"
    case .disclosure(let fact, _): "confidential fact '\(fact)'"
    }
  }
}

/// Everything the text analysis learnt about one reply. Computed once per reply and shared by
/// the customer model and the scorer (STYLE G1: never match the same text twice).
///
/// Immutable, and a class so that sharing it costs one retain: the turn record, the customer
/// model's features and the scorer each hold the analysis, and a struct of six buffers cost six
/// retains and six releases per copy, several times per reply. Equal analyses are equal by value.
public final class ReplyAnalysis: Sendable, Hashable {
  public let text: NormalizedText
  /// All cue hits, ordered by position.
  public let hits: [CueHit]
  public let quantities: [Quantity]
  /// The cues shown, as bits: cue index `i` is bit `(i + 2) % 64` of word `(i + 2) / 64`, the
  /// offset making room for ``CueHit/disclosureIndex`` (-2). The customer model and the scorer
  /// ask about dozens of cues per reply, and a bit test answers without a search or a branch to
  /// mispredict.
  private let shownBits: [UInt64]
  static let bitOffset = -Int(CueHit.disclosureIndex)

  public init(text: NormalizedText, hits: [CueHit], quantities: [Quantity]) {
    self.text = text
    self.hits = hits
    self.quantities = quantities
    let highest = hits.reduce(-1) { max($0, Int($1.cueIndex) + Self.bitOffset) }
    var bits = [UInt64](filling: 0, count: (highest + 64) / 64)
    for hit in hits {
      let position = Int(hit.cueIndex) + Self.bitOffset
      if position >= 0 { bits[position >> 6] |= 1 << UInt64(position & 63) }
    }
    shownBits = bits
  }

  public static func == (lhs: ReplyAnalysis, rhs: ReplyAnalysis) -> Bool {
    lhs === rhs || (lhs.text == rhs.text && lhs.hits == rhs.hits && lhs.quantities == rhs.quantities)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(text)
    hasher.combine(hits)
    hasher.combine(quantities)
  }

  /// Whether the reply shows the cue at lexicon index `index`.
  @inline(__always)
  public func shows(index: Int32) -> Bool {
    let position = Int(index) + Self.bitOffset
    let word = position >> 6
    return position >= 0 && word < shownBits.count && shownBits[word] & (1 << UInt64(position & 63)) != 0
  }

  /// Calls `body` with the index of every cue the reply shows, in index order (the disclosure
  /// pseudo-cue first), each once however many hits it has.
  @inline(__always)
  public func forEachShownCue(_ body: (Int32) -> Void) {
    for word in shownBits.indices {
      var bits = shownBits[word]
      while bits != 0 {
        body(Int32(word * 64 + bits.trailingZeroBitCount - Self.bitOffset))
        bits &= bits - 1
      }
    }
  }

  /// Whether the reply shows any of the cues: a word-wise AND of the two bit sets.
  @inline(__always)
  public func showsAny(_ cues: CueSet) -> Bool {
    for word in 0..<min(cues.words.count, shownBits.count) where cues.words[word] & shownBits[word] != 0 { return true }
    return false
  }

  /// Whether the reply shows `cue`.
  public func shows(_ cue: String) -> Bool { hits.contains { $0.cue == cue } }

  /// The hits of one cue.
  public func hits(of cue: String) -> [CueHit] { hits.filter { $0.cue == cue } }

  /// The distinct cues shown, in order of first appearance.
  public var cues: [String] {
    var seen: Set<String> = []
    return hits.compactMap { seen.insert($0.cue).inserted ? $0.cue : nil }
  }

  /// What the trainee typed for a hit (the matched characters).
  public func quote(_ hit: CueHit) -> String { text.quote(hit.range) }
}

/// Cues by lexicon index as bits, laid out like a reply's shown cues (``ReplyAnalysis``), so
/// "does the reply show any of these?" is a word-wise AND and "is this hit one of them?" a bit
/// test. Rubric criteria, red lines and the customer model's reactions ask this of every reply;
/// a list of indices took a search per index.
public struct CueSet: Sendable, Hashable {
  fileprivate let words: [UInt64]

  /// The set of the cues at these lexicon indices (``CueHit/disclosureIndex`` included; -1, an
  /// unknown cue, is kept but no hit carries it).
  public init(_ indices: some Sequence<Int32>) {
    var words: [UInt64] = []
    for index in indices {
      let position = Int(index) + ReplyAnalysis.bitOffset
      guard position >= 0 else { continue }
      if words.count <= position >> 6 { words += repeatElement(0, count: position >> 6 + 1 - words.count) }
      words[position >> 6] |= 1 << UInt64(position & 63)
    }
    self.words = words
  }

  /// Whether the cue at lexicon index `index` is in the set.
  @inline(__always)
  public func contains(_ index: Int32) -> Bool {
    let position = Int(index) + ReplyAnalysis.bitOffset
    let word = position >> 6
    return position >= 0 && word < words.count && words[word] & (1 << UInt64(position & 63)) != 0
  }
}
