import Foundation
import TextAnalysis

/// A statistical second opinion on red lines, beside the red-line lexicon.
///
/// The lexicon catches the wordings it lists and nothing else: on replies nobody tuned on it
/// catches about four red lines in five and flags some near misses (eval/README.md). This model,
/// a multinomial logistic regression over character 1–3-grams of the folded reply trained on the
/// same labelled replies (`scripts/train_red_line_model.py`, scikit-learn), generalises
/// differently, and the scorer combines the two (see ``Scorer``):
/// - a lexicon red-line hit stands only if the model gives the reply at least ``confirmThreshold``
///   (the lexicon's near misses — a quoted customer, a refusal with reasons — mostly fall below);
/// - a reply the lexicon does not flag is flagged when the model gives it at least
///   ``flagThreshold``, as the red line the model finds likeliest, quoting the clause with the
///   n-grams that weighed most.
///
/// The model is data (weights in a tab-separated resource) applied with plain arithmetic, so it
/// is deterministic; the feature extraction mirrors scikit-learn's `TfidfVectorizer` (char
/// analyzer, sublinear tf, smooth idf, l2 norm) exactly, and the file carries check values the
/// tests reproduce. Written by hand because no Swift package reads scikit-learn models.
public final class RedLineModel: Sendable {
  /// Class labels: red-line ids and ``noneClass``.
  public let classes: [String]
  /// The label of replies that cross no red line.
  public static let noneClass = "none"
  /// A lexicon hit stands only from this probability up.
  public let confirmThreshold: Double
  /// Without a lexicon hit, the model alone flags a reply from this probability up.
  public let flagThreshold: Double
  /// Replies and the probability of a red line the training script computed for them.
  public let checks: [(text: String, probability: Double)]
  private let noneIndex: Int
  private let shortest: Int
  private let longest: Int
  private let grams: GramTable
  /// Whether every n-gram's prefix is in the vocabulary too (so the scan can stop extending an
  /// n-gram once it is missing): true of scikit-learn's `min_df` vocabularies.
  private let prefixClosed: Bool
  private let intercepts: [Double]

  /// The model shipped with the grader, or nil if its resource is missing or unreadable.
  public static let shipped: RedLineModel? = {
    guard let url = Bundle.module.url(forResource: "red-line-model", withExtension: "tsv"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return try? RedLineModel(utf8: [UInt8](data))
  }()

  /// Why a model file could not be read.
  public struct FormatError: Error, CustomStringConvertible {
    public var line: Int
    public var problem: String
    public var description: String { "red-line model, line \(line): \(problem)" }
  }

  /// Reads the training script's output.
  public convenience init(_ source: String) throws(FormatError) {
    try self.init(utf8: Array(source.utf8))
  }

  /// Reads the training script's output, as UTF-8.
  ///
  /// Parsed byte by byte rather than split into strings: the file has ~27,000 lines and every
  /// grading command reads it at start-up, so splitting would cost a few hundred milliseconds.
  public init(utf8 bytes: [UInt8]) throws(FormatError) {
    var classes: [String] = []
    var intercepts: [Double] = []
    var thresholds: [Double] = []
    var range: [Int] = []
    var checks: [(String, Double)] = []
    var rows: [Float] = []
    var keys: [UInt64] = []
    var lineNumber = 0
    var lineStart = 0
    while lineStart < bytes.count {
      lineNumber += 1
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
      defer { lineStart = lineEnd + 1 }
      guard lineEnd > lineStart, bytes[lineStart] != 0x23 else { continue }  // empty or '#'
      var fieldEnd = lineStart
      while fieldEnd < lineEnd, bytes[fieldEnd] != 0x09 { fieldEnd += 1 }
      let head = String(decoding: bytes[lineStart..<fieldEnd], as: UTF8.self)
      let number = lineNumber
      func rest() -> [Substring] {
        fieldEnd >= lineEnd
          ? [] : String(decoding: bytes[(fieldEnd + 1)..<lineEnd], as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
      }
      func numbers(_ fields: [Substring]) throws(FormatError) -> [Double] {
        var values: [Double] = []
        for field in fields {
          guard let value = Double(field) else { throw FormatError(line: number, problem: "'\(field)' is not a number") }
          values.append(value)
        }
        return values
      }
      switch head {
      case "classes": classes = rest().map(String.init)
      case "intercepts": intercepts = try numbers(rest())
      case "thresholds": thresholds = try numbers(rest())
      case "ngrams": range = try numbers(rest()).map { Int($0) }
      case "check":
        let fields = rest()
        guard fields.count == 2, let value = Double(fields[0]) else {
          throw FormatError(line: number, problem: "expected 'check', a probability and a reply")
        }
        checks.append((String(fields[1]), value))
      default:
        guard !classes.isEmpty else {
          throw FormatError(line: number, problem: "expected the 'classes' line before the n-grams")
        }
        guard let key = GramTable.key(Array(head.unicodeScalars.map(\.value))[...]) else {
          throw FormatError(line: number, problem: "n-gram '\(head)' is not 1 to 3 characters")
        }
        // The idf and one weight per class, each field a short number (a small string: no
        // allocation to parse it).
        var fields = 0
        var start = fieldEnd + 1
        while start <= lineEnd {
          var end = start
          while end < lineEnd, bytes[end] != 0x09 { end += 1 }
          let field = String(decoding: bytes[start..<end], as: UTF8.self)
          guard let value = Double(field) else { throw FormatError(line: number, problem: "'\(field)' is not a number") }
          rows.append(Float(value))
          fields += 1
          start = end + 1
        }
        guard fields == classes.count + 1 else {
          throw FormatError(line: number, problem: "expected an n-gram, its idf and \(classes.count) weights")
        }
        keys.append(key)
      }
    }
    guard let noneIndex = classes.firstIndex(of: Self.noneClass) else {
      throw FormatError(line: 1, problem: "no 'classes' line with a '\(Self.noneClass)' class")
    }
    guard intercepts.count == classes.count, thresholds.count == 2, range.count == 2, range[0] >= 1, range[1] <= 3,
      range[0] <= range[1]
    else {
      throw FormatError(line: 1, problem: "the header needs intercepts per class, two thresholds and an n-gram range within 1…3")
    }
    self.classes = classes
    self.noneIndex = noneIndex
    self.intercepts = intercepts
    confirmThreshold = thresholds[0]
    flagThreshold = thresholds[1]
    shortest = range[0]
    longest = range[1]
    self.checks = checks
    grams = GramTable(keys: keys, rows: rows, classes: classes.count)
    let known = Set(keys)
    prefixClosed = keys.allSatisfy { $0 >> 21 == 0 || known.contains($0 >> 21) }
  }

  /// The model's judgement of one reply.
  public struct Assessment: Sendable {
    /// The probability that the reply crosses some red line.
    public var probability: Double
    /// The red line the model finds likeliest (never ``RedLineModel/noneClass``).
    public var likeliest: String
    /// Folded-text range of the n-gram that weighed most towards `likeliest`.
    public var strongest: Range<Int>?
    /// The n-grams (two or three characters) that weighed most towards `likeliest`, strongest first.
    public var terms: [String]
  }

  /// The probability that the reply crosses some red line.
  public func probability(_ text: NormalizedText) -> Double {
    withFeatures(of: text.scalars) { features in
      withProbabilities(features) { 1 - $0[noneIndex] }
    }
  }

  /// The probability with the red line and the words behind it (for flagged replies only:
  /// explaining costs more than judging).
  public func assess(_ text: NormalizedText) -> Assessment {
    withFeatures(of: text.scalars) { features in
      withProbabilities(features) { probabilities in
        var likeliest = noneIndex == 0 ? 1 : 0
        for index in classes.indices where index != noneIndex && probabilities[index] > probabilities[likeliest] {
          likeliest = index
        }
        // Contribution of each feature towards `likeliest` rather than no red line.
        func contribution(_ weighted: WeightedFeature) -> Double {
          let slot = Int(weighted.feature)
          return weighted.value * (Double(grams.weight(slot, likeliest)) - Double(grams.weight(slot, noneIndex)))
        }
        func gram(_ weighted: WeightedFeature) -> String { GramTable.text(of: grams.key(Int(weighted.feature))) }
        let top = features.filter { gram($0).unicodeScalars.count >= 2 && contribution($0) > 0 }
          .sorted { (contribution($0), $1.feature) > (contribution($1), $0.feature) }
          .prefix(3)
        var strongest: Range<Int>?
        if let best = top.first {
          let key = grams.key(Int(best.feature))
          let length = gram(best).unicodeScalars.count
          let scalars = text.scalars
          strongest = (0..<max(0, scalars.count - length + 1)).first { GramTable.key(scalars[$0..<($0 + length)]) == key }
            .map { $0..<($0 + length) }
        }
        return Assessment(
          probability: 1 - probabilities[noneIndex], likeliest: classes[likeliest], strongest: strongest,
          terms: top.map(gram))
      }
    }
  }

  // MARK: Arithmetic
  //
  // Every reply a scorer sees is judged, so this runs as often as the cue matcher: the features
  // live in temporary buffers (no dictionaries, no arrays per reply).

  /// One vocabulary feature of a reply (by its slot in ``GramTable``) and its tf-idf value.
  private struct WeightedFeature {
    var feature: Int32
    var value: Double
  }

  /// Runs `body` with the reply's tf-idf vector over the vocabulary, l2-normalised, features in
  /// order of first occurrence (scikit-learn's operations in a fixed order: deterministic to
  /// the bit).
  private func withFeatures<Result>(
    of scalars: [UInt32], _ body: (UnsafeMutableBufferPointer<WeightedFeature>) -> Result
  ) -> Result {
    let most = max(1, scalars.count * (longest - shortest + 1))
    var tableSize = 16
    while tableSize < 2 * most { tableSize *= 2 }
    // Distinct features with their counts, and a small table from feature to position in it.
    return withUnsafeTemporaryAllocation(of: WeightedFeature.self, capacity: most) { features in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: tableSize) { positions in
        positions.initialize(repeating: -1)
        var distinct = 0
        func count(_ feature: Int32) {
          var slot = Int(UInt32(bitPattern: feature) &* 0x9E37_79B1) & (tableSize - 1)
          while true {
            let position = Int(positions[slot])
            if position < 0 {
              positions[slot] = Int32(distinct)
              features[distinct] = WeightedFeature(feature: feature, value: 1)
              distinct += 1
              return
            }
            if features[position].feature == feature {
              features[position].value += 1
              return
            }
            slot = (slot + 1) & (tableSize - 1)
          }
        }
        scalars.withUnsafeBufferPointer { scalars in
          for start in scalars.indices {
            var key: UInt64 = 0
            for length in 1...longest where start + length <= scalars.count {
              let scalar = scalars[start + length - 1]
              guard scalar < 0x1F_FFFF else { break }
              key = key << 21 | UInt64(scalar + 1)
              let feature = grams.slot(of: key)
              if let feature, length >= shortest { count(feature) }
              if feature == nil, prefixClosed { break }  // no longer n-gram from here is known
            }
          }
        }
        var sumOfSquares = 0.0
        for position in 0..<distinct {
          let value = (1 + log(features[position].value)) * Double(grams.idf(Int(features[position].feature)))
          features[position].value = value
          sumOfSquares += value * value
        }
        let norm = sumOfSquares.squareRoot()
        if norm > 0 { for position in 0..<distinct { features[position].value /= norm } }
        return body(UnsafeMutableBufferPointer(rebasing: features[0..<distinct]))
      }
    }
  }

  /// Runs `body` with the class probabilities (softmax of the linear scores).
  private func withProbabilities<Result>(
    _ features: UnsafeMutableBufferPointer<WeightedFeature>, _ body: (UnsafeMutableBufferPointer<Double>) -> Result
  ) -> Result {
    let width = classes.count
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { scores in
      for index in 0..<width { scores[index] = intercepts[index] }
      grams.withWeights { weights, slotWidth in
        for weighted in features {
          let row = Int(weighted.feature) * slotWidth + GramTable.weightsOffset
          for index in 0..<width { scores[index] += Double(Float(bitPattern: weights[row + index])) * weighted.value }
        }
      }
      var top = scores[0]
      for index in 1..<width { top = max(top, scores[index]) }
      var sum = 0.0
      for index in 0..<width {
        scores[index] = exp(scores[index] - top)
        sum += scores[index]
      }
      for index in 0..<width { scores[index] /= sum }
      return body(scores)
    }
  }
}

/// The vocabulary as an open-addressing hash table whose slots hold everything a feature needs:
/// its n-gram (up to three scalars packed in one integer), its idf and its weight per class, as
/// 32-bit words side by side.
///
/// A reply looks up every n-gram it contains (about three per character) and most are found, so
/// each lookup should cost one cache miss: a `Dictionary` of strings would hash and allocate,
/// and separate key, index and weight arrays would cost three misses. Single precision halves
/// the table (the file has seven significant digits; sums are taken in double precision).
private struct GramTable: Sendable {
  /// Per slot `slotWidth` words: key low and high halves (0 = empty slot), idf, weights.
  private let words: [UInt32]
  let slotWidth: Int
  private let mask: Int
  static let weightsOffset = 3

  init(keys: [UInt64], rows: [Float], classes: Int) {
    let width = Self.weightsOffset + classes
    var capacity = 16
    while capacity * 3 < keys.count * 4 { capacity *= 2 }  // at most three quarters full
    var words = [UInt32](repeating: 0, count: capacity * width)
    for (feature, key) in keys.enumerated() {
      var slot = Self.start(key, capacity - 1)
      while words[slot * width] != 0 || words[slot * width + 1] != 0 { slot = (slot + 1) & (capacity - 1) }
      let base = slot * width
      words[base] = UInt32(truncatingIfNeeded: key)
      words[base + 1] = UInt32(truncatingIfNeeded: key >> 32)
      for offset in 0...classes { words[base + 2 + offset] = rows[feature * (classes + 1) + offset].bitPattern }
    }
    self.words = words
    slotWidth = width
    mask = capacity - 1
  }

  /// The packed n-gram: each scalar plus one in 21 bits (0 marks an absent position), so no
  /// key is 0.
  static func key(_ scalars: ArraySlice<UInt32>) -> UInt64? {
    guard (1...3).contains(scalars.count) else { return nil }
    var key: UInt64 = 0
    for scalar in scalars {
      guard scalar < 0x1F_FFFF else { return nil }
      key = key << 21 | UInt64(scalar + 1)
    }
    return key
  }

  /// The n-gram a key packs.
  static func text(of key: UInt64) -> String {
    var scalars: [Unicode.Scalar] = []
    var rest = key
    while rest != 0 {
      if let scalar = Unicode.Scalar(UInt32(rest & 0x1F_FFFF) - 1) { scalars.insert(scalar, at: 0) }
      rest >>= 21
    }
    return String(String.UnicodeScalarView(scalars))
  }

  @inline(__always)
  private static func start(_ key: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
  }

  /// The slot holding `key`, if it is in the vocabulary.
  @inline(__always)
  func slot(of key: UInt64) -> Int32? {
    let low = UInt32(truncatingIfNeeded: key)
    let high = UInt32(truncatingIfNeeded: key >> 32)
    return words.withUnsafeBufferPointer { words in
      var slot = Self.start(key, mask)
      while true {
        let base = slot * slotWidth
        if words[base] == low, words[base + 1] == high { return Int32(slot) }
        if words[base] == 0, words[base + 1] == 0 { return nil }
        slot = (slot + 1) & mask
      }
    }
  }

  func key(_ slot: Int) -> UInt64 { UInt64(words[slot * slotWidth + 1]) << 32 | UInt64(words[slot * slotWidth]) }

  @inline(__always)
  func idf(_ slot: Int) -> Float { Float(bitPattern: words[slot * slotWidth + 2]) }

  func weight(_ slot: Int, _ index: Int) -> Float { Float(bitPattern: words[slot * slotWidth + Self.weightsOffset + index]) }

  /// Runs `body` with the raw words and the slot width (the scoring loop reads them unchecked).
  @inline(__always)
  func withWeights<Result>(_ body: (UnsafeBufferPointer<UInt32>, Int) -> Result) -> Result {
    words.withUnsafeBufferPointer { body($0, slotWidth) }
  }
}
