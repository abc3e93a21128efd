/// The fuzzy layer: character-bigram similarity between a reply's clauses and each cue's
/// example sentences, so paraphrases the patterns do not list are still recognised. Only cues
/// with a `fuzzy:` threshold take part; the matched example is the hit's evidence.
struct FuzzyIndex: Sendable {
  private struct Example: Sendable {
    var cue: Int
    var text: String
    var bigramCount: Int
    var threshold: Double
  }

  private let cueIDs: [String]
  private let examples: [Example]
  /// bigram → example indices containing it.
  private let postings: [UInt64: [Int32]]

  init(lexicon: CueLexicon, normalizer: TextNormalizer) {
    var examples: [Example] = []
    var postings: [UInt64: [Int32]] = [:]
    for (cueIndex, cue) in lexicon.cues.enumerated() {
      guard let threshold = cue.fuzzyThreshold else { continue }
      for example in cue.matchExamples {
        let bigrams = Self.bigrams(Self.content(normalizer.fold(example)))
        guard !bigrams.isEmpty else { continue }
        let index = Int32(examples.count)
        examples.append(Example(cue: cueIndex, text: example, bigramCount: bigrams.count, threshold: threshold))
        for bigram in bigrams { postings[bigram, default: []].append(index) }
      }
    }
    self.cueIDs = lexicon.cues.map(\.id)
    self.examples = examples
    self.postings = postings
  }

  /// Hits for cues not already matched, one per cue at its best clause.
  func hits(in text: NormalizedText, excluding matched: Set<String>) -> [CueHit] {
    guard !examples.isEmpty else { return [] }
    var best: [Int: (similarity: Double, example: Int, range: Range<Int>)] = [:]
    var counts = [Int32](repeating: 0, count: examples.count)
    for clause in Self.clauses(text.scalars) {
      let bigrams = Self.bigrams(Self.content(Array(text.scalars[clause])))
      guard bigrams.count >= 2 else { continue }
      var touched: [Int32] = []
      for bigram in bigrams {
        for example in postings[bigram] ?? [] {
          if counts[Int(example)] == 0 { touched.append(example) }
          counts[Int(example)] += 1
        }
      }
      for example in touched {
        let shared = Double(counts[Int(example)])
        counts[Int(example)] = 0
        let candidate = examples[Int(example)]
        guard !matched.contains(cueIDs[candidate.cue]) else { continue }
        // Dice coefficient over distinct bigrams.
        let similarity = 2 * shared / Double(bigrams.count + candidate.bigramCount)
        if similarity >= candidate.threshold, similarity > (best[candidate.cue]?.similarity ?? 0) {
          best[candidate.cue] = (similarity, Int(example), clause)
        }
      }
    }
    return best.sorted { $0.key < $1.key }.map { cue, found in
      CueHit(
        cue: cueIDs[cue], range: found.range,
        evidence: .example(examples[found.example].text, similarity: (found.similarity * 100).rounded() / 100))
    }
  }

  /// Clause ranges: text between clause punctuation.
  static func clauses(_ scalars: [UInt32]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    for (index, scalar) in scalars.enumerated() where TextNormalizer.isClauseBoundary(scalar) {
      if index > start { result.append(start..<index) }
      start = index + 1
    }
    if scalars.count > start { result.append(start..<scalars.count) }
    return result
  }

  /// Letters and digits only (punctuation does not make two sentences alike).
  static func content(_ scalars: [UInt32]) -> [UInt32] {
    scalars.filter { $0 >= 0x3400 || ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }
  }

  /// Distinct character bigrams.
  static func bigrams(_ scalars: [UInt32]) -> Set<UInt64> {
    guard scalars.count >= 2 else { return [] }
    var result: Set<UInt64> = []
    for index in 1..<scalars.count { result.insert(UInt64(scalars[index - 1]) << 32 | UInt64(scalars[index])) }
    return result
  }
}
