import TextAnalysis

/// What the customer model reacts to in one reply: which cues, which kinds of move (tags), how
/// long it was, whether it gave figures. Derived from the one ``ReplyAnalysis`` that the scorer
/// also uses (STYLE G1: the reply is analysed once).
public struct ReplyFeatures: Sendable, Hashable {
  /// The analysis (its `shows(index:)` answers "did the reply show this cue?").
  public var analysis: ReplyAnalysis
  /// The kinds of move shown, as ``CueTag`` bits.
  public var tagBits: UInt32
  /// Length in folded characters (spaces and full-width forms folded away).
  public var length: Int
  /// Time frames and amounts stated, in order.
  public var commitments: [StatedQuantity]
  /// Whether a confidential fact or personal data was disclosed.
  public var disclosed: Bool

  /// Features of an analysed reply, with cue tags looked up in `cues`.
  public init(_ analysis: ReplyAnalysis, cues: CueIndex) {
    // By index, reading each hit in place: a loop over the hits copies each one, retaining its
    // strings, every turn.
    let hits = analysis.hits
    var bits: UInt32 = 0
    var disclosed = false
    for index in hits.indices {
      let cue = Int(hits[index].cueIndex)
      if cue >= 0 && cue < cues.tagBits.count { bits |= cues.tagBits[cue] }  // a cue hit twice adds the same bits
      switch hits[index].evidence {
      case .disclosure: disclosed = true
      case .detector(let kind, _): disclosed = disclosed || kind.isPersonalData
      case .pattern, .example: break
      }
    }
    if disclosed { bits |= CueTag.disclosure.bit }
    self.analysis = analysis
    tagBits = bits
    length = analysis.text.scalars.count
    commitments = analysis.quantities.filter { $0.kind == .timeFrame || $0.kind == .amount }
      .map { StatedQuantity(kind: $0.kind.rawValue, value: $0.value, quote: analysis.text.quote($0.range)) }
    self.disclosed = disclosed
  }

  /// Whether the reply shows a kind of move.
  @inline(__always)
  public func has(_ tag: CueTag) -> Bool { tagBits & tag.bit != 0 }

  /// Whether the reply shows any kind of move among `tags`.
  public func hasAny(_ tags: [CueTag]) -> Bool { tags.contains(where: has) }
}

/// A time frame or amount the trainee stated ("3 working days within", "3600 yuan").
public struct StatedQuantity: Codable, Sendable, Hashable {
  public var kind: String
  /// The normalised reading ("3 working days within").
  public var value: String
  /// What the trainee typed ("三个工作日内").
  public var quote: String

  public init(kind: String, value: String, quote: String) {
    self.kind = kind
    self.value = value
    self.quote = quote
  }

  /// For a duration ("3 working days within"): the unit part and the number. Nil for clock
  /// times, dates and amounts, which name different moments rather than competing promises.
  var duration: (unit: String, number: String)? {
    guard kind == "time-frame", let first = value.first, first.isNumber else { return nil }
    let parts = value.split(separator: " ", maxSplits: 1)
    guard parts.count == 2 else { return nil }
    return (String(parts[1]).replacingOccurrences(of: "s ", with: " "), String(parts[0]))
  }
}
