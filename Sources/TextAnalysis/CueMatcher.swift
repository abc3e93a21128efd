/// The cue lexicon compiled for matching: all cues' literal terms in one Aho–Corasick
/// automaton, gapped patterns as term sequences, exceptions, negators, the built-in recognisers
/// and the fuzzy example index. Built once; `analyze` makes one pass over a reply for all cues.
public struct CueMatcher: Sendable {
  public let lexicon: CueLexicon
  let normalizer: TextNormalizer
  let automaton: AhoCorasick
  let patterns: PatternTable
  let exceptions: PatternTable
  /// Per term id: the cue patterns, exception patterns and negated cues that start with it,
  /// in compressed rows (no dictionaries, no nested arrays: `analyze` runs per reply and must
  /// neither hash nor retain per step).
  let patternsByFirstTerm: CompressedRows
  let exceptionsByFirstTerm: CompressedRows
  let negatorOwners: CompressedRows
  let detectors: [(cue: Int, detector: BuiltInDetector)]
  let fuzzy: FuzzyIndex
  /// Cue ids by lexicon index (looked up only when a hit is made).
  let cueIDs: [String]
  /// The longest term, bounding how far a gapped pattern's next term can end.
  let longestTerm: Int32

  /// Most characters allowed between a negator and the hit it cancels.
  static let negatorReach: Int32 = 2

  public init(lexicon: CueLexicon, normalizer: TextNormalizer = .shared) {
    self.lexicon = lexicon
    self.normalizer = normalizer
    var terms: [[UInt32]] = []
    var termIDs: [[UInt32]: Int32] = [:]
    func termID(_ text: String) -> Int32? {
      let folded = normalizer.fold(text)
      guard !folded.isEmpty else { return nil }
      if let id = termIDs[folded] { return id }
      let id = Int32(terms.count)
      terms.append(folded)
      termIDs[folded] = id
      return id
    }
    var patterns = PatternTable()
    var exceptions = PatternTable()
    func compile(_ pattern: CuePattern, owner: Int, into table: inout PatternTable) {
      let ids = pattern.terms.compactMap(termID)
      guard ids.count == pattern.terms.count else { return }
      table.append(owner: Int32(owner), terms: ids, gaps: pattern.gaps.map(Int32.init), source: pattern.source)
    }
    var negators: [(row: Int32, value: Int32)] = []
    var detectors: [(Int, BuiltInDetector)] = []
    for (index, cue) in lexicon.cues.enumerated() {
      for pattern in cue.patterns { compile(pattern, owner: index, into: &patterns) }
      for phrase in cue.exceptions {
        if let pattern = try? CuePattern.parse(phrase) { compile(pattern, owner: index, into: &exceptions) }
      }
      for negator in cue.negators { if let id = termID(negator) { negators.append((id, Int32(index))) } }
      if let detector = cue.detector { detectors.append((index, detector)) }
    }
    automaton = AhoCorasick(terms: terms)
    self.patterns = patterns
    self.exceptions = exceptions
    patternsByFirstTerm = CompressedRows(rows: terms.count, entries: patterns.firstTerms.enumerated().map { ($1, Int32($0)) })
    exceptionsByFirstTerm = CompressedRows(rows: terms.count, entries: exceptions.firstTerms.enumerated().map { ($1, Int32($0)) })
    negatorOwners = CompressedRows(rows: terms.count, entries: negators)
    self.detectors = detectors
    fuzzy = FuzzyIndex(lexicon: lexicon, normalizer: normalizer)
    cueIDs = lexicon.cues.map(\.id)
    longestTerm = terms.map { Int32($0.count) }.max() ?? 1
  }

  /// Analyses one reply as typed.
  public func analyze(_ text: String) -> ReplyAnalysis {
    analyze(normalizer.normalize(text))
  }

  /// A pattern match before filtering: the owning cue, the span, the pattern.
  private struct Candidate {
    var owner: Int32
    var start: Int32
    var end: Int32
    var pattern: Int32
  }

  /// Analyses an already normalised reply: one automaton pass, then patterns, exceptions and
  /// negators resolved over the (few) term occurrences found.
  public func analyze(_ text: NormalizedText) -> ReplyAnalysis {
    var matches: [AhoCorasick.Match] = []
    matches.reserveCapacity(32)
    automaton.scan(text.scalars) { matches.append($0) }

    var candidates: [Candidate] = []
    candidates.reserveCapacity(matches.count)
    var exceptionSpans: [Candidate] = []
    var negations: [(owner: Int32, end: Int32)] = []
    let lengths = automaton.termLengths
    for index in matches.indices {
      let match = matches[index]
      let term = Int(match.term)
      let start = match.end - lengths[term]
      for row in patternsByFirstTerm.range(term) {
        let pattern = Int(patternsByFirstTerm.values[row])
        if let end = patterns.completion(pattern, startingAt: index, matches, lengths, longestTerm) {
          candidates.append(Candidate(owner: patterns.owners[pattern], start: start, end: end, pattern: Int32(pattern)))
        }
      }
      for row in negatorOwners.range(term) { negations.append((negatorOwners.values[row], match.end)) }
    }
    // Exceptions matter only for cues that matched: most replies trigger few cues, and a large
    // lexicon has many exception phrases, so they are resolved second and only where needed.
    if !candidates.isEmpty, !exceptions.owners.isEmpty {
      var owners = candidates.map(\.owner)
      owners.sort()
      for index in matches.indices {
        let match = matches[index]
        let term = Int(match.term)
        for row in exceptionsByFirstTerm.range(term) {
          let pattern = Int(exceptionsByFirstTerm.values[row])
          let owner = exceptions.owners[pattern]
          guard owners.binarySearchContains(owner),
            let end = exceptions.completion(pattern, startingAt: index, matches, lengths, longestTerm)
          else { continue }
          exceptionSpans.append(Candidate(owner: owner, start: match.end - lengths[term], end: end, pattern: Int32(pattern)))
        }
      }
    }

    var hits: [CueHit] = []
    hits.reserveCapacity(candidates.count + 4)
    for candidate in candidates {
      let excepted = exceptionSpans.contains {
        $0.owner == candidate.owner && $0.start <= candidate.start && candidate.end <= $0.end
      }
      let negated = negations.contains {
        $0.owner == candidate.owner && $0.end <= candidate.start && candidate.start - $0.end <= Self.negatorReach
      }
      guard !excepted, !negated else { continue }
      hits.append(CueHit(
        cue: cueIDs[Int(candidate.owner)], cueIndex: candidate.owner, range: Int(candidate.start)..<Int(candidate.end),
        evidence: .pattern(patterns.sources[Int(candidate.pattern)])))
    }
    let quantities = detectors.isEmpty ? [] : QuantityScanner.scan(text.scalars)
    for (cue, detector) in detectors {
      for quantity in quantities where detector.accepts(quantity.kind) {
        hits.append(CueHit(
          cue: cueIDs[cue], cueIndex: Int32(cue), range: quantity.range,
          evidence: .detector(quantity.kind, quantity.value)))
      }
    }
    if fuzzy.isActive {
      var matched = [Bool](repeating: false, count: cueIDs.count)
      for hit in hits { matched[Int(hit.cueIndex)] = true }
      hits += fuzzy.hits(in: text, excluding: matched)
    }
    Self.deduplicate(&hits)
    return ReplyAnalysis(text: text, hits: hits, quantities: quantities)
  }

  /// One hit per cue per place: overlapping hits of the same cue collapse into the first.
  static func deduplicate(_ hits: inout [CueHit]) {
    // Sorted and compared by lexicon index, not by id string: this runs for every reply.
    hits.sort {
      ($0.range.lowerBound, $0.range.upperBound, $0.cueIndex) < ($1.range.lowerBound, $1.range.upperBound, $1.cueIndex)
    }
    var kept = 0
    for index in hits.indices {
      let hit = hits[index]
      if hits[..<kept].contains(where: { $0.cueIndex == hit.cueIndex && hit.range.lowerBound < $0.range.upperBound }) {
        continue
      }
      hits[kept] = hit
      kept += 1
    }
    hits.removeLast(hits.count - kept)
  }
}

extension BuiltInDetector {
  func accepts(_ kind: Quantity.Kind) -> Bool {
    switch self {
    case .timeFrame: kind == .timeFrame
    case .amount: kind == .amount
    case .personalData: kind.isPersonalData
    }
  }
}

extension Range where Bound == Int {
  func contains(_ other: Range<Int>) -> Bool {
    other.lowerBound >= lowerBound && other.upperBound <= upperBound
  }
}


/// Compiled patterns in flat arrays (structure of arrays): owner cue, terms, gaps and source.
struct PatternTable: Sendable {
  var owners: [Int32] = []
  var firstTerms: [Int32] = []
  /// Where each pattern's terms start in `terms`, and how many there are.
  var termStarts: [Int32] = []
  var termCounts: [Int32] = []
  /// All patterns' terms, back to back; `gapsBefore[k]` is the gap allowed before `terms[k]`.
  var terms: [Int32] = []
  var gapsBefore: [Int32] = []
  var sources: [String] = []

  mutating func append(owner: Int32, terms patternTerms: [Int32], gaps: [Int32], source: String) {
    owners.append(owner)
    firstTerms.append(patternTerms[0])
    termStarts.append(Int32(terms.count))
    termCounts.append(Int32(patternTerms.count))
    for (position, term) in patternTerms.enumerated() {
      terms.append(term)
      gapsBefore.append(position == 0 ? 0 : gaps[position - 1])
    }
    sources.append(source)
  }

  /// Where pattern `pattern`, whose first term matched at `matches[index]`, ends if its later
  /// terms follow within their gaps (the earliest continuation is taken).
  @inline(__always)
  func completion(
    _ pattern: Int, startingAt index: Int, _ matches: [AhoCorasick.Match], _ lengths: [Int32], _ longest: Int32
  ) -> Int32? {
    var end = matches[index].end
    let count = Int(termCounts[pattern])
    guard count > 1 else { return end }
    let first = Int(termStarts[pattern])
    var cursor = index + 1
    for position in (first + 1)..<(first + count) {
      let term = terms[position]
      let latestStart = end + gapsBefore[position]
      var found: Int32?
      // Matches are ordered by end; a later term starting at or after `end` ends after it.
      var scan = cursor
      while scan < matches.count, matches[scan].end <= latestStart + longest {
        let candidate = matches[scan]
        let start = candidate.end - lengths[Int(candidate.term)]
        if candidate.term == term, start >= end, start <= latestStart {
          found = candidate.end
          break
        }
        scan += 1
      }
      guard let next = found else { return nil }
      end = next
      cursor = scan + 1
    }
    return end
  }
}

/// Rows of integers packed into two arrays (compressed sparse rows): row `r` is
/// `values[starts[r]..<starts[r + 1]]`.
struct CompressedRows: Sendable {
  let starts: [Int32]
  let values: [Int32]

  init(rows: Int, entries: [(row: Int32, value: Int32)]) {
    var counts = [Int32](repeating: 0, count: rows + 1)
    for entry in entries { counts[Int(entry.row) + 1] += 1 }
    for row in 0..<rows { counts[row + 1] += counts[row] }
    var values = [Int32](repeating: 0, count: entries.count)
    var next = counts
    for entry in entries {
      values[Int(next[Int(entry.row)])] = entry.value
      next[Int(entry.row)] += 1
    }
    starts = counts
    self.values = values
  }

  @inline(__always)
  func range(_ row: Int) -> Range<Int> { Int(starts[row])..<Int(starts[row + 1]) }
}

extension Array where Element == Int32 {
  /// Membership in a sorted array, without hashing.
  @inline(__always)
  func binarySearchContains(_ value: Int32) -> Bool {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if self[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low < count && self[low] == value
  }
}
