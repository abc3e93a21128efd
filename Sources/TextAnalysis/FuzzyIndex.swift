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
  /// The lowest threshold and the fewest bigrams of any example (for ``mayReachAThreshold(_:)``).
  private let lowestThreshold: Double
  private let fewestExampleBigrams: Int
  private let examples: [Example]
  /// bigram → range into `postings` (example indices containing it).
  private let postingRanges: BigramTable
  private let postingFilter: BigramFilter
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
    var filter = BigramFilter()
    var postings: [Int32] = []
    for (bigram, list) in lists.sorted(by: { $0.key < $1.key }) {
      filter.insert(bigram)
      table.set(bigram, start: Int32(postings.count), count: Int32(list.count))
      postings += list
    }
    self.cueIDs = lexicon.cues.map(\.id)
    self.fuzzyCues = fuzzyCues
    lowestThreshold = examples.map(\.threshold).min() ?? 1
    fewestExampleBigrams = examples.map(\.bigramCount).min() ?? 1
    self.examples = examples
    self.postingRanges = table
    self.postingFilter = filter
    self.postings = postings
  }

  /// Hits for cues without a hit in `found` yet, one per cue at its best clause.
  ///
  /// Runs for every reply, so its scratch space lives in temporary (stack) buffers, and a
  /// bit filter over bigrams skips the table look-up for the many bigrams no example has.
  func hits(in text: NormalizedText, excluding found: [CueHit]) -> [CueHit] {
    guard !examples.isEmpty, fuzzyCues.contains(where: { cue in !found.contains { $0.cueIndex == Int32(cue) } })
    else { return [] }
    let scalars = text.scalars
    return withUnsafeTemporaryAllocation(of: Best.self, capacity: fuzzyCues.count) { best in
      best.initialize(repeating: Best())
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: examples.count * 2) { scratch in
        scratch.initialize(repeating: 0)
        let counts = UnsafeMutableBufferPointer(rebasing: scratch[0..<examples.count])
        let touched = UnsafeMutableBufferPointer(rebasing: scratch[examples.count...])
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scalars.count + 1) { bigrams in
          var clauseStart = 0
          for index in 0...scalars.count {
            guard index == scalars.count || TextNormalizer.isClauseBoundary(scalars[index]) else { continue }
            defer { clauseStart = index + 1 }
            guard index - clauseStart >= 3, mayReachAThreshold(scalars[clauseStart..<index]) else { continue }
            let bigramCount = Self.bigrams(scalars[clauseStart..<index], into: bigrams)
            guard bigramCount >= 2 else { continue }
            var touchedCount = 0
            for bigram in bigrams[0..<bigramCount] where postingFilter.mayContain(bigram) {
              guard let (start, count) = postingRanges.get(bigram) else { continue }
              for offset in start..<(start + count) {
                let example = Int(postings[Int(offset)])
                if counts[example] == 0 {
                  touched[touchedCount] = Int32(example)
                  touchedCount += 1
                }
                counts[example] += 1
              }
            }
            for position in 0..<touchedCount {
              let example = Int(touched[position])
              let shared = Double(counts[example])
              counts[example] = 0
              let candidate = examples[example]
              // Dice coefficient over distinct bigrams.
              let similarity = 2 * shared / Double(bigramCount + candidate.bigramCount)
              if similarity >= candidate.threshold, similarity > best[candidate.slot].similarity,
                !found.contains(where: { $0.cueIndex == Int32(candidate.cue) })
              {
                best[candidate.slot] = Best(
                  similarity: similarity, example: Int32(example), start: Int32(clauseStart), end: Int32(index))
              }
            }
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
  }

  /// A cheap bound that rules most clauses out before their bigrams are collected: with P
  /// bigrams that may occur in some example, at most P are shared, so the Dice similarity is at
  /// most 2P / (P + the fewest bigrams of any example), which must reach the lowest threshold.
  private func mayReachAThreshold(_ clause: ArraySlice<UInt32>) -> Bool {
    var possible = 0
    var previous: UInt32?
    for scalar in clause where Self.isContent(scalar) {
      if let previous, postingFilter.mayContain(UInt64(previous) << 32 | UInt64(scalar)) { possible += 1 }
      previous = scalar
    }
    return Double(2 * possible) >= lowestThreshold * Double(possible + fewestExampleBigrams)
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
    result = [UInt64](repeating: 0, count: scalars.count + 1)
    let count = result.withUnsafeMutableBufferPointer { bigrams(scalars, into: $0) }
    result.removeLast(result.count - count)
  }

  /// Distinct character bigrams of the content characters, sorted, into `result` (which has
  /// room for one more than the scalars); returns how many.
  static func bigrams(_ scalars: ArraySlice<UInt32>, into result: UnsafeMutableBufferPointer<UInt64>) -> Int {
    var count = 0
    var previous: UInt32?
    // Short clauses (nearly all): insertion sort as the bigrams come. Long ones (a reply with
    // no punctuation) are collected, then sorted, so the cost stays n log n.
    let insertAsWeGo = scalars.count <= 64
    for scalar in scalars where isContent(scalar) {
      if let previous {
        let bigram = UInt64(previous) << 32 | UInt64(scalar)
        if !insertAsWeGo {
          result[count] = bigram
          count += 1
        } else {
          var position = count
          while position > 0, result[position - 1] > bigram {
            result[position] = result[position - 1]
            position -= 1
          }
          if position > 0, result[position - 1] == bigram {
            // Already present: undo the shift.
            for index in position..<count { result[index] = result[index + 1] }
          } else {
            result[position] = bigram
            count += 1
          }
        }
      }
      previous = scalar
    }
    guard !insertAsWeGo, count > 1 else { return count }
    var collected = UnsafeMutableBufferPointer(rebasing: result[0..<count])
    collected.sort()
    var unique = 1
    for index in 1..<count where result[index] != result[unique - 1] {
      result[unique] = result[index]
      unique += 1
    }
    return unique
  }
}

/// A bit filter over bigrams (one bit per hashed bigram): "certainly absent" for most bigrams of
/// a reply, so only the few that may occur in an example pay for a table look-up.
struct BigramFilter: Sendable {
  private var words = [UInt64](repeating: 0, count: 1 << 10)

  @inline(__always)
  private static func bit(_ bigram: UInt64) -> Int { Int(truncatingIfNeeded: (bigram &* 0x9E37_79B9_7F4A_7C15) >> 48) }

  mutating func insert(_ bigram: UInt64) {
    let bit = Self.bit(bigram)
    words[bit >> 6] |= 1 << UInt64(bit & 63)
  }

  @inline(__always)
  func mayContain(_ bigram: UInt64) -> Bool {
    let bit = Self.bit(bigram)
    return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
  }
}

/// Open-addressing table from a bigram to its postings range (no hashing through `Hasher`);
/// key and range share a slot, so a look-up touches one cache line.
struct BigramTable: Sendable {
  private struct Slot {
    var key: UInt64
    var start: Int32
    var count: Int32
  }

  private var slots: [Slot]
  private var mask: Int
  private static let empty = UInt64.max

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [Slot](repeating: Slot(key: Self.empty, start: 0, count: 0), count: size)
    mask = size - 1
  }

  @inline(__always)
  private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

  mutating func set(_ key: UInt64, start: Int32, count: Int32) {
    var index = slot(key)
    while slots[index].key != Self.empty, slots[index].key != key { index = (index + 1) & mask }
    slots[index] = Slot(key: key, start: start, count: count)
  }

  @inline(__always)
  func get(_ key: UInt64) -> (Int32, Int32)? {
    var index = slot(key)
    while true {
      let stored = slots[index]
      if stored.key == key { return (stored.start, stored.count) }
      if stored.key == Self.empty { return nil }
      index = (index + 1) & mask
    }
  }
}
