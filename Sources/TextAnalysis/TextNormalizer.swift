import Foundation

/// Text folded for matching, with a map back to what the trainee typed.
///
/// `scalars[i]` came from `original` scalar `origins[i]`, so a hit on the folded text can be
/// quoted with the characters the trainee actually wrote (Traditional, full-width, spaces and all).
public struct NormalizedText: Sendable, Hashable {
  /// The text as given.
  public let original: String
  /// The folded scalars, as raw values (cheap to compare and hash).
  public let scalars: [UInt32]
  /// For each folded scalar, the index of the original scalar it came from.
  public let origins: [Int32]

  /// The folded text as a string (for debugging and explanations).
  public var folded: String {
    var view = String.UnicodeScalarView()
    for value in scalars { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
    return String(view)
  }

  /// The original characters behind the folded range `range`.
  public func quote(_ range: Range<Int>) -> String {
    // Quotes are rare (evidence only), so walk the original instead of keeping a scalar copy.
    guard let span = originalRange(range) else { return "" }
    let scalars = original.unicodeScalars
    let start = scalars.index(scalars.startIndex, offsetBy: span.lowerBound)
    let end = scalars.index(start, offsetBy: span.count)
    return String(scalars[start..<end])
  }

  /// The original scalar range behind a folded range.
  public func originalRange(_ range: Range<Int>) -> Range<Int>? {
    guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= origins.count else { return nil }
    return Int(origins[range.lowerBound])..<(Int(origins[range.upperBound - 1]) + 1)
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
/// call per reply.
public struct TextNormalizer: Sendable {
  /// Traditional → Simplified for the CJK blocks, indexed by `scalar - tableBase`; 0 = unchanged.
  private let simplified: [UInt32]
  private static let tableBase: UInt32 = 0x3400
  private static let tableEnd: UInt32 = 0xFAFF

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
  }

  /// The shared normalizer; building it costs one ICU transform.
  public static let shared = TextNormalizer()

  /// Folds `text`.
  public func normalize(_ text: String) -> NormalizedText {
    var scalars: [UInt32] = []
    var origins: [Int32] = []
    let capacity = text.utf8.count  // an upper bound on the scalar count
    scalars.reserveCapacity(capacity)
    origins.reserveCapacity(capacity)
    var index: Int32 = 0
    for scalar in text.unicodeScalars {
      let value = scalar.value
      // Fast paths for the two common cases: CJK ideographs and plain ASCII letters/digits.
      if value >= 0x4E00, value <= 0x9FFF {
        let mapped = simplified[Int(value - Self.tableBase)]
        scalars.append(mapped == 0 ? value : mapped)
        origins.append(index)
      } else if value > 0x20, value < 0x80, !(0x41...0x5A).contains(value) {
        scalars.append(value)
        origins.append(index)
      } else {
        fold(scalar) { folded in
          scalars.append(folded)
          origins.append(index)
        }
      }
      index += 1
    }
    return NormalizedText(original: text, scalars: scalars, origins: origins)
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
  static func isClauseBoundary(_ value: UInt32) -> Bool {
    switch value {
    case 0x2C, 0x2E, 0x3B, 0x21, 0x3F, 0x0A: true  // , . ; ! ?
    default: false
    }
  }
}
