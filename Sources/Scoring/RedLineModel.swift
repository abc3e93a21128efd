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
    grams = try GramTable(keys: keys, rows: rows, classes: classes.count)
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
        // The n-grams of two or three characters that weigh towards `likeliest` rather than no
        // red line, by contribution (ties by n-gram, so the order never depends on the table's).
        var ranked: [(contribution: Double, key: UInt64)] = []
        for index in 0..<features.count {
          let feature = Int(features.nodes[index])
          let key = grams.key(feature)
          guard key >> 21 != 0 else { continue }
          let contribution =
            features.values[index] * (Double(grams.weight(feature, likeliest)) - Double(grams.weight(feature, noneIndex)))
          if contribution > 0 { ranked.append((contribution, key)) }
        }
        ranked.sort { ($0.contribution, $1.key) > ($1.contribution, $0.key) }
        let top = ranked.prefix(3).map(\.key)
        var strongest: Range<Int>?
        if let key = top.first {
          let length = key >> 42 != 0 ? 3 : 2
          let scalars = text.scalars
          strongest = (0..<max(0, scalars.count - length + 1)).first { GramTable.key(scalars[$0..<($0 + length)]) == key }
            .map { $0..<($0 + length) }
        }
        return Assessment(
          probability: 1 - probabilities[noneIndex], likeliest: classes[likeliest], strongest: strongest,
          terms: top.map(GramTable.text(of:)))
      }
    }
  }

  // MARK: Arithmetic
  //
  // Every reply a scorer sees is judged, so this runs as often as the cue matcher: the features
  // live in temporary buffers (no dictionaries, no arrays per reply).

  /// A reply's distinct vocabulary features (nodes in ``GramTable``, in order of first
  /// occurrence) and their tf-idf values, side by side: as one buffer of pairs (16 bytes each, for
  /// the alignment of the value) they outgrew the stack for most replies and cost an allocation.
  private struct Features {
    let nodes: UnsafeMutableBufferPointer<Int32>
    let values: UnsafeMutableBufferPointer<Double>
    var count = 0

    /// Counts one occurrence of `feature`: a new one goes at the end of the list, found through
    /// `positions`, an open-addressing table (at least twice the features, a power of two) from
    /// feature to position.
    @inline(__always)
    mutating func add(_ feature: Int32, _ positions: UnsafeMutableBufferPointer<Int32>) {
      let mask = positions.count - 1
      var slot = Int((UInt32(bitPattern: feature) &* 0x9E37_79B1) >> 16) & mask
      while true {
        let position = Int(positions[slot])
        if position < 0 {
          positions[slot] = Int32(truncatingIfNeeded: count)  // below the buffer's size
          nodes[count] = feature
          values[count] = 1
          count += 1
          return
        }
        if nodes[position] == feature {
          values[position] += 1
          return
        }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Runs `body` with the reply's tf-idf vector over the vocabulary, l2-normalised, features in
  /// order of first occurrence (scikit-learn's operations in a fixed order: deterministic to
  /// the bit).
  ///
  /// Two passes over the reply. The first lists the features among the n-grams of one, two and
  /// three characters starting at each place, without a branch: the trie is larger than the L2
  /// cache, so most steps miss it, and only a loop with nothing to mispredict lets the processor
  /// run ahead and have many places' misses in flight at once (the walk that counted as it went,
  /// and stopped at a missing prefix, waited for them one by one). The second pass counts them.
  private func withFeatures<Result>(
    of scalars: [UInt32], _ body: (Features) -> Result
  ) -> Result {
    let count = scalars.count
    // Two characters of padding (0, in no n-gram) past the end: every place looks two ahead.
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count + 2) { characters in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * count + 1) { nodes in
        scalars.withUnsafeBufferPointer { scalars in
          grams.characters(of: scalars, into: characters)
        }
        characters[count] = 0
        characters[count + 1] = 0
        // Feature nodes in order (a node counts if it is a feature, not a prefix only nor -1 for
        // none, of a length the model uses): written always, kept by a count that moves on only
        // for them, so no branch is taken on what the trie holds.
        let found = grams.withLinks { links in
          // Per length, all ones if the model uses it. A node is kept when 0 ≤ node < feature
          // count, worked out with sign bits: comparisons may be compiled into branches.
          let featureCount = Int32(grams.featureCount)
          let (one, two, three): (Int32, Int32, Int32) = (
            shortest == 1 ? -1 : 0, shortest <= 2 && longest >= 2 ? -1 : 0, longest == 3 ? -1 : 0
          )
          @inline(__always) func kept(_ node: Int32, _ length: Int32) -> Int {
            Int(UInt32(bitPattern: (node &- featureCount) & ~node & length) &>> 31)
          }
          var found = 0
          for start in 0..<count {
            let first = links.first[Int(characters[start])]
            let second = grams.step(from: first, characters[start + 1], links)
            let third = grams.step(from: second, characters[start + 2], links)
            nodes[found] = first.node
            found &+= kept(first.node, one)
            nodes[found] = second.node
            found &+= kept(second.node, two)
            nodes[found] = third.node
            found &+= kept(third.node, three)
          }
          return found
        }
        // The distinct features, moved forward in `nodes` (never past the one being counted)
        // with their counts beside them, and a small table from feature to position.
        var tableSize = 16
        while tableSize < 2 * found { tableSize *= 2 }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, found)) { values in
          withUnsafeTemporaryAllocation(of: Int32.self, capacity: tableSize) { positions in
            positions.initialize(repeating: -1)
            var features = Features(nodes: nodes, values: values)
            for index in 0..<found { features.add(nodes[index], positions) }
            var sumOfSquares = 0.0
            for position in 0..<features.count {
              let count = values[position]
              let value = (count == 1 ? 1 : 1 + log(count)) * Double(grams.idf(Int(nodes[position])))
              values[position] = value
              sumOfSquares += value * value
            }
            let norm = sumOfSquares.squareRoot()
            if norm > 0 { for position in 0..<features.count { values[position] /= norm } }
            return body(features)
          }
        }
      }
    }
  }

  /// Runs `body` with the class probabilities (softmax of the linear scores).
  private func withProbabilities<Result>(
    _ features: Features, _ body: (UnsafeMutableBufferPointer<Double>) -> Result
  ) -> Result {
    let width = classes.count
    let chunks = grams.rowWidth / 8
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { scores in
      // Row lanes: the idf, then the weights (lane 0 of the sums is discarded; the others start
      // at the intercepts). Each class sums its products in feature order, as a scalar loop
      // would: the same result to the bit.
      withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: chunks) { sums in
        sums.initialize(repeating: .zero)
        for index in 0..<width { sums[(index + 1) / 8][(index + 1) % 8] = intercepts[index] }
        grams.withRows { rows in
          let base = UnsafeRawPointer(rows.baseAddress!)
          let stride = grams.rowWidth * MemoryLayout<Float>.stride
          if chunks == 1 {  // up to seven classes: the sums stay in registers
            var sum = sums[0]
            for index in 0..<features.count {
              let weights = (base + Int(features.nodes[index]) * stride).loadUnaligned(as: SIMD8<Float>.self)
              sum += SIMD8<Double>(weights) * SIMD8<Double>(repeating: features.values[index])
            }
            sums[0] = sum
          } else {
            for index in 0..<features.count {
              let row = base + Int(features.nodes[index]) * stride
              let value = SIMD8<Double>(repeating: features.values[index])
              for chunk in 0..<chunks {
                sums[chunk] += SIMD8<Double>(row.loadUnaligned(fromByteOffset: chunk * 32, as: SIMD8<Float>.self)) * value
              }
            }
          }
        }
        for index in 0..<width { scores[index] = sums[(index + 1) / 8][(index + 1) % 8] }
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

/// The vocabulary as a trie of characters: an n-gram's node is found from its prefix's node and
/// its last character, so a reply's n-grams starting at one place are one table read and two
/// child look-ups (``step(from:_:_:)``: a missing prefix or character gives node -1, whose own
/// look-up finds nothing, without a branch).
///
/// Laid out for the cache, because every reply a scorer sees is judged: characters are dense
/// numbers (the vocabulary has about 1,200 distinct ones), child links are a double array of
/// 8-byte cells that carry the child's own base (a step is one load and a compare, where the
/// open-addressing table of 64-bit links it replaced took 512 KB and probed with branches the
/// processor mispredicted, and a table of bases beside the cells cost a second miss), and the
/// weights are read only for the reply's distinct features, from rows ordered by idf so the
/// commonest n-grams share cache lines. Prefixes that are not features themselves get nodes
/// without weights, so the trie works for any vocabulary.
private struct GramTable: Sendable {
  /// Per Basic Multilingual Plane scalar: its character number (1…), 0 when in no n-gram.
  private let basicCharacters: [UInt16]
  /// Character numbers of scalars beyond the Basic Multilingual Plane.
  private let otherCharacters: [UInt32: UInt16]
  /// Per character number: the one-character n-gram's node and its children's base (node -1
  /// when no n-gram starts with the character).
  private let characterLinks: [Link]
  /// Child links in a double array (see ``DoubleArray``): node `n`'s child on character `c` is
  /// in cell `base(n) + c` if that cell's `label` is `child << characterBits | c`. Empty cells
  /// hold all ones in the character bits, which no character number reaches (nor 0, a character
  /// in no n-gram). A cell also holds the child's own base, so a walk never reads a table of
  /// bases: one cache miss per step rather than two (the tables exceed the L2 cache).
  private let cells: CacheAlignedBuffer<Cell>
  private let characterBits: UInt32
  private let characterMask: UInt32
  /// Nodes below this are features, with a row of weights; the rest are prefixes only.
  let featureCount: Int
  /// Per feature: the idf, then one weight per class, padded with zeros to `rowWidth`.
  /// On cache lines, so a row is never split across two.
  private let rows: CacheAlignedBuffer<Float>
  let rowWidth: Int
  /// Per feature: its n-gram packed by ``key(_:)``, to name and find it when explaining.
  private let packed: [UInt64]

  /// Builds the trie from packed n-grams and their rows (idf and weights) in file order.
  init(keys: [UInt64], rows fileRows: [Float], classes: Int) throws(RedLineModel.FormatError) {
    let fileWidth = classes + 1
    let rowWidth = (fileWidth + 7) / 8 * 8  // whole SIMD8 chunks
    self.rowWidth = rowWidth
    // Features by idf (commonest first), ties in file order: a fixed order, whatever the file's.
    let order = keys.indices.sorted {
      (fileRows[$0 * fileWidth], $0) < (fileRows[$1 * fileWidth], $1)
    }
    var nodeOf: [UInt64: Int32] = [:]
    var packed: [UInt64] = []
    var rows: [Float] = []
    rows.reserveCapacity(order.count * rowWidth)
    for feature in order {
      nodeOf[keys[feature]] = Int32(packed.count)
      packed.append(keys[feature])
      rows += fileRows[(feature * fileWidth)..<((feature + 1) * fileWidth)]
      for _ in fileWidth..<rowWidth { rows.append(0) }
    }
    featureCount = packed.count
    // Prefix-only nodes, so every node's parent exists.
    var nodeKeys = packed
    var next = 0
    while next < nodeKeys.count {
      let prefix = nodeKeys[next] >> 21
      if prefix != 0, nodeOf[prefix] == nil {
        nodeOf[prefix] = Int32(nodeKeys.count)
        nodeKeys.append(prefix)
      }
      next += 1
    }
    // Characters: those that make up n-grams of one character first (in node order), then any
    // other character of an n-gram (which no n-gram starts with: its node is -1).
    var basicCharacters = [UInt16](repeating: 0, count: 0x10000)
    var otherCharacters: [UInt32: UInt16] = [:]
    var characterNodes: [Int32] = [-1]
    func number(_ scalar: UInt32, node: Int32) throws(RedLineModel.FormatError) {
      let known = scalar < 0x10000 ? basicCharacters[Int(scalar)] : otherCharacters[scalar] ?? 0
      guard known == 0 else { return }
      guard characterNodes.count < Int(UInt16.max) else {
        throw RedLineModel.FormatError(line: 1, problem: "more than \(UInt16.max - 1) distinct characters")
      }
      if scalar < 0x10000 {
        basicCharacters[Int(scalar)] = UInt16(characterNodes.count)
      } else {
        otherCharacters[scalar] = UInt16(characterNodes.count)
      }
      characterNodes.append(node)
    }
    for (node, key) in nodeKeys.enumerated() where key >> 21 == 0 { try number(UInt32(key) - 1, node: Int32(node)) }
    for key in nodeKeys { try number(UInt32(key & 0x1F_FFFF) - 1, node: -1) }
    // Child links in a double array: a look-up is two loads and a compare, no probing.
    let characterBits = UInt32(Int.bitWidth - characterNodes.count.leadingZeroBitCount)
    let nodeBits = UInt32(Int.bitWidth - nodeKeys.count.leadingZeroBitCount)
    guard characterBits + nodeBits <= 32 else {
      throw RedLineModel.FormatError(line: 1, problem: "too many n-grams for the model's 32-bit links")
    }
    var children = [[(character: Int32, node: Int32)]](repeating: [], count: nodeKeys.count)
    for (node, key) in nodeKeys.enumerated() where key >> 21 != 0 {
      let scalar = UInt32(key & 0x1F_FFFF) - 1
      let character = scalar < 0x10000 ? basicCharacters[Int(scalar)] : otherCharacters[scalar]!
      children[Int(nodeOf[key >> 21]!)].append((Int32(character), Int32(node)))
    }
    for node in children.indices { children[node].sort { $0.character < $1.character } }
    let packedChildren = DoubleArray(rows: children.map { $0.map { $0.character } }, letterCount: characterNodes.count)
    let mask = UInt32((1 << characterBits) - 1)
    let bases = packedChildren.bases
    var cells = [Cell](repeating: Cell(label: mask, base: 0), count: packedChildren.cellCount)
    for (node, row) in children.enumerated() {
      for (character, child) in row {
        cells[Int(bases[node] + character)] = Cell(
          label: UInt32(child) << characterBits | UInt32(character), base: bases[Int(child)])
      }
    }
    self.basicCharacters = basicCharacters
    self.otherCharacters = otherCharacters
    characterLinks = characterNodes.map { Link(node: $0, base: $0 >= 0 ? bases[Int($0)] : 0) }
    self.cells = CacheAlignedBuffer(cells)
    self.characterBits = characterBits
    characterMask = mask
    self.rows = CacheAlignedBuffer(rows)
    self.packed = packed
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

  /// Writes each scalar's character number (0 for characters in no n-gram) into `characters`.
  func characters(of scalars: UnsafeBufferPointer<UInt32>, into characters: UnsafeMutableBufferPointer<UInt32>) {
    basicCharacters.withUnsafeBufferPointer { basic in
      for (position, scalar) in scalars.enumerated() {
        characters[position] = scalar < 0x10000 ? UInt32(basic[Int(scalar)]) : UInt32(otherCharacters[scalar] ?? 0)
      }
    }
  }

  /// A node of the trie and where its children are.
  struct Link {
    var node: Int32
    var base: Int32
  }

  /// A double-array cell: the child and its character, and the child's base.
  struct Cell {
    var label: UInt32
    var base: Int32
  }

  /// The link of `link`'s n-gram followed by `character`, or of none (node -1) if the vocabulary
  /// lacks it or `link` is of none, without a branch: a character of 0 (in no n-gram) matches no
  /// cell, and neither does any character from node -1, which is looked up as 0.
  @inline(__always)
  func step(from link: Link, _ character: UInt32, _ links: Links) -> Link {
    // Masks rather than conditionals, which the compiler may turn into branches.
    let character = character & UInt32(bitPattern: ~(link.node >> 31))  // 0 from node -1
    let cell = links.cells[Int(link.base) &+ Int(character)]
    let found = Int32(truncatingIfNeeded: (cell.label & characterMask) ^ character == 0 ? 1 : 0)
    return Link(
      node: Int32(truncatingIfNeeded: cell.label &>> characterBits) | (found &- 1), base: cell.base & (0 &- found))
  }

  /// The links as read by the n-gram walk: unchecked, and without retains per look-up.
  struct Links {
    /// Per character number, its one-character n-gram's link.
    let first: UnsafeBufferPointer<Link>
    let cells: UnsafeBufferPointer<Cell>
  }

  /// Runs `body` with the links.
  @inline(__always)
  func withLinks<Result>(_ body: (Links) -> Result) -> Result {
    characterLinks.withUnsafeBufferPointer { body(Links(first: $0, cells: cells.elements)) }
  }

  func key(_ feature: Int) -> UInt64 { packed[feature] }

  /// Wrapping arithmetic: a feature's row is in the table, so its offset cannot overflow (and
  /// this is read for every feature of every reply).
  @inline(__always)
  func idf(_ feature: Int) -> Float { rows.elements[feature &* rowWidth] }

  func weight(_ feature: Int, _ index: Int) -> Float { rows.elements[feature * rowWidth + 1 + index] }

  /// Runs `body` with the rows (idf, then weights) of every feature, `rowWidth` apart.
  @inline(__always)
  func withRows<Result>(_ body: (UnsafeBufferPointer<Float>) -> Result) -> Result {
    body(rows.elements)
  }
}
