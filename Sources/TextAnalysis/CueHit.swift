/// One cue found in a reply: which cue, where (in folded scalars), and why — the pattern, the
/// recogniser or the example sentence that matched, so every point can be explained.
public struct CueHit: Sendable, Hashable, Codable {
  public var cue: String
  public var range: Range<Int>
  public var evidence: Evidence

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

  public init(cue: String, range: Range<Int>, evidence: Evidence) {
    self.cue = cue
    self.range = range
    self.evidence = evidence
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
public struct ReplyAnalysis: Sendable, Hashable {
  public let text: NormalizedText
  /// All cue hits, ordered by position.
  public let hits: [CueHit]
  public let quantities: [Quantity]

  public init(text: NormalizedText, hits: [CueHit], quantities: [Quantity]) {
    self.text = text
    self.hits = hits
    self.quantities = quantities
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
