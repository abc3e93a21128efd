/// The fuzzy layer: character-bigram similarity between a reply's clauses and each cue's
/// example sentences, so paraphrases the patterns do not list are still recognised. Only cues
/// with a `fuzzy:` threshold take part; the matched example is the hit's evidence.
struct FuzzyIndex: Sendable {
  private struct Example: Sendable {
    var cue: Int
    /// The cue's position among the cues that use the fuzzy layer.
    var slot: Int
    var text: String
    var bigramCount: Int
    var threshold: Double
  }

  private let cueIDs: [String]
  /// Lexicon indices of the cues that use the fuzzy layer.
  private let fuzzyCues: [Int]
  private let examples: [Example]
  /// bigram → range into `postings` (example indices containing it).
  private let postingRanges: BigramTable
  private let postings: [Int32]

  /// Whether any cue uses the fuzzy layer.
  var isActive: Bool { !examples.isEmpty }

  init(lexicon: CueLexicon, normalizer: TextNormalizer) {
    var examples: [Example] = []
    var lists: [UInt64: [Int32]] = [:]
    var fuzzyCues: [Int] = []
    for (cueIndex, cue) in lexicon.cues.enumerated() {
      guard let threshold = cue.fuzzyThreshold else { continue }
      let slot = fuzzyCues.count
      fuzzyCues.append(cueIndex)
      for example in cue.matchExamples {
        var bigrams: [UInt64] = []
        Self.bigrams(normalizer.fold(example)[...], into: &bigrams)
        guard !bigrams.isEmpty else { continue }
        let index = Int32(examples.count)
        examples.append(Example(cue: cueIndex, slot: slot, text: example, bigramCount: bigrams.count, threshold: threshold))
        for bigram in bigrams { lists[bigram, default: []].append(index) }
      }
    }
    var table = BigramTable(capacity: lists.count)
    var postings: [Int32] = []
    for (bigram, list) in lists.sorted(by: { $0.key < $1.key }) {
      table.set(bigram, start: Int32(postings.count), count: Int32(list.count))
      postings += list
    }
    self.cueIDs = lexicon.cues.map(\.id)
    self.fuzzyCues = fuzzyCues
    self.examples = examples
    self.postingRanges = table
    self.postings = postings
  }

  /// Hits for cues without a hit in `found` yet, one per cue at its best clause.
  func hits(in text: NormalizedText, excluding found: [CueHit]) -> [CueHit] {
    guard !examples.isEmpty else { return [] }
    var best = [Best](repeating: Best(), count: fuzzyCues.count)
    var counts = [Int32](repeating: 0, count: examples.count)
    var touched: [Int32] = []
    var bigrams: [UInt64] = []
    bigrams.reserveCapacity(64)
    let scalars = text.scalars
    var clauseStart = 0
    for index in 0...scalars.count {
      guard index == scalars.count || TextNormalizer.isClauseBoundary(scalars[index]) else { continue }
      defer { clauseStart = index + 1 }
      guard index - clauseStart >= 3 else { continue }
      Self.bigrams(scalars[clauseStart..<index], into: &bigrams)
      guard bigrams.count >= 2 else { continue }
      touched.removeAll(keepingCapacity: true)
      for bigram in bigrams {
        guard let (start, count) = postingRanges.get(bigram) else { continue }
        for offset in start..<(start + count) {
          let example = postings[Int(offset)]
          if counts[Int(example)] == 0 { touched.append(example) }
          counts[Int(example)] += 1
        }
      }
      for example in touched {
        let shared = Double(counts[Int(example)])
        counts[Int(example)] = 0
        let candidate = examples[Int(example)]
        // Dice coefficient over distinct bigrams.
        let similarity = 2 * shared / Double(bigrams.count + candidate.bigramCount)
        if similarity >= candidate.threshold, similarity > best[candidate.slot].similarity,
          !found.contains(where: { $0.cueIndex == Int32(candidate.cue) })
        {
          best[candidate.slot] = Best(similarity: similarity, example: example, start: Int32(clauseStart), end: Int32(index))
        }
      }
    }
    var hits: [CueHit] = []
    for (slot, cue) in fuzzyCues.enumerated() where best[slot].example >= 0 {
      let found = best[slot]
      hits.append(CueHit(
        cue: cueIDs[cue], cueIndex: Int32(cue), range: Int(found.start)..<Int(found.end),
        evidence: .example(examples[Int(found.example)].text, similarity: (found.similarity * 100).rounded() / 100)))
    }
    return hits
  }

  /// The best clause found so far for one cue.
  private struct Best {
    var similarity = 0.0
    var example: Int32 = -1
    var start: Int32 = 0
    var end: Int32 = 0
  }

  /// Letters and digits only (punctuation does not make two sentences alike).
  @inline(__always)
  static func isContent(_ scalar: UInt32) -> Bool {
    scalar >= 0x3400 || (scalar >= 0x30 && scalar <= 0x39) || (scalar >= 0x61 && scalar <= 0x7A)
  }

  /// Distinct character bigrams of the content characters, sorted, into a reused buffer.
  static func bigrams(_ scalars: ArraySlice<UInt32>, into result: inout [UInt64]) {
    result.removeAll(keepingCapacity: true)
    var previous: UInt32?
    for scalar in scalars where isContent(scalar) {
      if let previous { result.append(UInt64(previous) << 32 | UInt64(scalar)) }
      previous = scalar
    }
    result.sort()
    var unique = 0
    for index in result.indices where index == 0 || result[index] != result[index - 1] {
      result[unique] = result[index]
      unique += 1
    }
    result.removeLast(result.count - unique)
  }
}

/// Open-addressing table from a bigram to its postings range (no hashing through `Hasher`).
struct BigramTable: Sendable {
  private var keys: [UInt64]
  private var starts: [Int32]
  private var counts: [Int32]
  private var mask: Int
  private static let empty = UInt64.max

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: Self.empty, count: size)
    starts = [Int32](repeating: 0, count: size)
    counts = [Int32](repeating: 0, count: size)
    mask = size - 1
  }

  @inline(__always)
  private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

  mutating func set(_ key: UInt64, start: Int32, count: Int32) {
    var index = slot(key)
    while keys[index] != Self.empty, keys[index] != key { index = (index + 1) & mask }
    keys[index] = key
    starts[index] = start
    counts[index] = count
  }

  @inline(__always)
  func get(_ key: UInt64) -> (Int32, Int32)? {
    var index = slot(key)
    while true {
      let stored = keys[index]
      if stored == key { return (starts[index], counts[index]) }
      if stored == Self.empty { return nil }
      index = (index + 1) & mask
    }
  }
}
