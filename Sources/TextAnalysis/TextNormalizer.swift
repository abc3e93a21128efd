import Foundation

/// Text folded for matching, with a map back to what the trainee typed.
///
/// `scalars[i]` came from the scalar of `original` whose UTF-8 starts at byte `byteStarts[i]`,
/// so a hit on the folded text can be quoted with the characters the trainee actually wrote
/// (Traditional, full-width, spaces and all).
public struct NormalizedText: Sendable, Hashable {
  /// The text as given.
  public let original: String
  /// The folded scalars, as raw values (cheap to compare and hash).
  public let scalars: [UInt32]
  /// For each folded scalar, where the original scalar it came from starts in `original`'s
  /// UTF-8. Byte offsets rather than scalar indices: every scorecard quotes a few clauses, and
  /// finding a scalar index's byte meant walking the text up to it for each quote.
  private let byteStarts: [Int32]

  init(original: String, scalars: [UInt32], byteStarts: [Int32]) {
    self.original = original
    self.scalars = scalars
    self.byteStarts = byteStarts
  }

  /// The folded text as a string (for debugging and explanations).
  public var folded: String {
    var view = String.UnicodeScalarView()
    for value in scalars { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
    return String(view)
  }

  /// The original characters behind the folded range `range`: from the start of the first
  /// folded scalar's original to the end of the last one's.
  public func quote(_ range: Range<Int>) -> String {
    guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= scalars.count else { return "" }
    let lower = Int(byteStarts[range.lowerBound])
    let last = Int(byteStarts[range.upperBound - 1])
    var original = original
    return original.withUTF8 { bytes in
      let upper = min(bytes.count, last + Self.sequenceLength(lead: bytes[last]))
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
    }
  }

  /// The length of the UTF-8 sequence a lead byte starts.
  private static func sequenceLength(lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }

  /// The whole clause (up to sentence punctuation) around a folded range, as typed: used as the
  /// evidence quote, so the trainee sees their words in context.
  public func clause(around range: Range<Int>) -> String {
    var start = range.lowerBound
    var end = range.upperBound
    while start > 0, !TextNormalizer.isClauseBoundary(scalars[start - 1]) { start -= 1 }
    while end < scalars.count, !TextNormalizer.isClauseBoundary(scalars[end]) { end += 1 }
    return quote(start..<end)
  }
}

/// Folds text for matching: NFKC (full-width → half-width), Traditional → Simplified, ASCII
/// lower case, Chinese punctuation to its ASCII form, and spaces removed.
///
/// Built once (the Traditional → Simplified table is read from ICU through Foundation in one
/// transform call, ~20 ms) and then applied with table look-ups only, because ICU is too slow to
/// call per reply. `normalize` decodes UTF-8 itself and folds each scalar of the Basic
/// Multilingual Plane with one look-up in `quickFold`; only rare scalars (compatibility forms
/// outside the tables) take the general path through Foundation.
public struct TextNormalizer: Sendable {
  /// Traditional → Simplified for the CJK blocks, indexed by `scalar - tableBase`; 0 = unchanged.
  private let simplified: [UInt32]
  /// Every BMP scalar folded: the folded scalar, ``dropped``, or ``needsGeneralFold``.
  private let quickFold: [UInt16]
  private static let tableBase: UInt32 = 0x3400
  private static let tableEnd: UInt32 = 0xFAFF
  private static let dropped: UInt16 = 0
  private static let needsGeneralFold: UInt16 = 0xFFFF

  public init() {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(Int(Self.tableEnd - Self.tableBase) + 1)
    for value in Self.tableBase...Self.tableEnd {
      if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    let input = String(view)
    var table = [UInt32](repeating: 0, count: Int(Self.tableEnd - Self.tableBase) + 1)
    if let output = input.applyingTransform(StringTransform("Hant-Hans"), reverse: false),
      output.unicodeScalars.count == scalars.count
    {
      for (from, to) in zip(scalars, output.unicodeScalars) where from != to {
        table[Int(from.value - Self.tableBase)] = to.value
      }
    }
    simplified = table
    quickFold = Self.quickFoldTable(simplified: table)
  }

  /// The shared normalizer; building it costs one ICU transform.
  public static let shared = TextNormalizer()

  /// Folds `text`.
  public func normalize(_ text: String) -> NormalizedText {
    var contiguous = text
    let folded = contiguous.withUTF8 { quickNormalize($0) }
    guard let (scalars, byteStarts) = folded else { return generalNormalize(text) }
    return NormalizedText(original: text, scalars: scalars, byteStarts: byteStarts)
  }

  /// The fast path: UTF-8 decoded by hand (a Swift string is always valid UTF-8) and each scalar
  /// folded by table. Returns the folded scalars and their byte starts (see ``NormalizedText``),
  /// or nil if a scalar expands under compatibility folding beyond the output's reserved room,
  /// and the caller takes the general path.
  private func quickNormalize(_ utf8: UnsafeBufferPointer<UInt8>) -> ([UInt32], [Int32])? {
    let capacity = utf8.count + 8
    // Written into temporary buffers (on the stack for most replies) and copied into arrays
    // once: see `Array.init(copying:)`.
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { output in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { starts in
        quickFold.withUnsafeBufferPointer { table -> ([UInt32], [Int32])? in
          var count = 0
          var byte = 0
          while byte < utf8.count {
            let start = Int32(truncatingIfNeeded: byte)
            let lead = UInt32(utf8[byte])
            var value: UInt32
            if lead < 0x80 {
              value = lead
              byte += 1
            } else if lead < 0xE0 {
              value = (lead & 0x1F) << 6 | UInt32(utf8[byte + 1] & 0x3F)
              byte += 2
            } else if lead < 0xF0 {
              value = (lead & 0x0F) << 12 | UInt32(utf8[byte + 1] & 0x3F) << 6 | UInt32(utf8[byte + 2] & 0x3F)
              byte += 3
            } else {
              value = (lead & 0x07) << 18 | UInt32(utf8[byte + 1] & 0x3F) << 12
                | UInt32(utf8[byte + 2] & 0x3F) << 6 | UInt32(utf8[byte + 3] & 0x3F)
              byte += 4
            }
            let quick = value < 0x10000 ? table[Int(value)] : Self.needsGeneralFold
            if quick != Self.needsGeneralFold, quick != Self.dropped {
              output[count] = UInt32(quick)
              starts[count] = start
              count += 1
            } else if quick == Self.needsGeneralFold {
              var expansion: [UInt32] = []
              fold(Unicode.Scalar(value) ?? " ") { expansion.append($0) }
              guard count + expansion.count <= capacity else { return nil }
              for folded in expansion {
                output[count] = folded
                starts[count] = start
                count += 1
              }
            }
          }
          return (
            [UInt32](copying: UnsafeBufferPointer(rebasing: output[0..<count])),
            [Int32](copying: UnsafeBufferPointer(rebasing: starts[0..<count]))
          )
        }
      }
    }
  }

  /// The general path, for text whose folding outgrows the fast path's room.
  private func generalNormalize(_ text: String) -> NormalizedText {
    var scalars: [UInt32] = []
    var byteStarts: [Int32] = []
    var byte: Int32 = 0
    for scalar in text.unicodeScalars {
      fold(scalar) { folded in
        scalars.append(folded)
        byteStarts.append(byte)
      }
      byte += Int32(UTF8.width(scalar))
    }
    return NormalizedText(original: text, scalars: scalars, byteStarts: byteStarts)
  }

  /// The BMP scalars the cheap rules of ``fold(_:_:)`` cover, folded in advance; the rest are
  /// marked for the general path.
  private static func quickFoldTable(simplified: [UInt32]) -> [UInt16] {
    var table = [UInt16](repeating: needsGeneralFold, count: 0x10000)
    for value in UInt32(0)..<0x80 {
      switch value {
      case 0x20, 0x09, 0x0A, 0x0D: table[Int(value)] = dropped
      case 0x41...0x5A: table[Int(value)] = UInt16(value + 0x20)
      case 0x00: break  // NUL would read as "dropped"; the general path keeps it
      default: table[Int(value)] = UInt16(value)
      }
    }
    for value in tableBase...tableEnd {
      let mapped = simplified[Int(value - tableBase)]
      let folded = mapped == 0 ? value : mapped
      if folded < 0x10000, folded != UInt32(needsGeneralFold) { table[Int(value)] = UInt16(folded) }
    }
    for value in UInt32(0x80)..<0x10000 where value < tableBase || value > tableEnd {
      if let folded = punctuation(value) {
        table[Int(value)] = UInt16(folded)  // 0 = dropped
      } else if value >= 0xFF01, value <= 0xFF5E {
        let ascii = value - 0xFEE0
        table[Int(value)] = UInt16(ascii >= 0x41 && ascii <= 0x5A ? ascii + 0x20 : (punctuation(ascii) ?? ascii))
      }
    }
    return table
  }

  /// Folds a pattern or phrase the same way, returning only the scalars.
  public func fold(_ text: String) -> [UInt32] {
    var scalars: [UInt32] = []
    for scalar in text.unicodeScalars { fold(scalar) { scalars.append($0) } }
    return scalars
  }

  @inline(__always)
  private func fold(_ scalar: Unicode.Scalar, _ emit: (UInt32) -> Void) {
    let value = scalar.value
    if value < 0x80 {
      switch value {
      case 0x20, 0x09, 0x0A, 0x0D: return  // spaces carry no meaning in Chinese text
      case 0x41...0x5A: emit(value + 0x20)
      default: emit(value)
      }
      return
    }
    if value >= Self.tableBase, value <= Self.tableEnd {
      let mapped = simplified[Int(value - Self.tableBase)]
      emit(mapped == 0 ? value : mapped)
      return
    }
    if let punctuation = Self.punctuation(value) {
      if punctuation != 0 { emit(punctuation) }
      return
    }
    if value >= 0xFF01, value <= 0xFF5E {  // full-width ASCII
      let ascii = value - 0xFEE0
      emit(ascii >= 0x41 && ascii <= 0x5A ? ascii + 0x20 : (Self.punctuation(ascii) ?? ascii))
      return
    }
    // Anything else: Unicode compatibility normalisation (rare characters, so no table).
    for folded in String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars {
      if folded.value < 0x80 { fold(folded, emit) } else { emit(folded.value) }
    }
  }

  /// Chinese punctuation to one ASCII form; 0 drops the character (spaces).
  private static func punctuation(_ value: UInt32) -> UInt32? {
    switch value {
    case 0x3000, 0x00A0, 0x2002...0x200B: 0  // ideographic and other spaces
    case 0x3001, 0xFF0C: 0x2C  // 、，→ ,
    case 0x3002, 0xFF61: 0x2E  // 。→ .
    case 0xFF1B: 0x3B  // ；
    case 0xFF1A: 0x3A  // ：
    case 0xFF01: 0x21  // ！
    case 0xFF1F: 0x3F  // ？
    case 0xFF08, 0x3010, 0x3014: 0x28  // （【〔
    case 0xFF09, 0x3011, 0x3015: 0x29  // ）】〕
    case 0x201C, 0x201D, 0x300C, 0x300D, 0x300E, 0x300F, 0x300A, 0x300B, 0x3008, 0x3009, 0xFF02: 0x22
    case 0x2018, 0x2019, 0xFF07: 0x27
    case 0x2014, 0x2013, 0x2015, 0xFF0D: 0x2D  // dashes
    case 0xFF5E, 0x301C: 0x7E  // ～
    default: nil
    }
  }

  /// Where a clause ends: sentence and clause punctuation (after folding).
  public static func isClauseBoundary(_ value: UInt32) -> Bool {
    switch value {
    case 0x2C, 0x2E, 0x3B, 0x21, 0x3F, 0x0A: true  // , . ; ! ?
    default: false
    }
  }
}
