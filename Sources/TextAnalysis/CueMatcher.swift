/// The cue lexicon compiled for matching: all cues' literal terms in one Aho–Corasick
/// automaton, gapped patterns as term sequences, exceptions, negators, the built-in recognisers
/// and the fuzzy example index. Built once; `analyze` makes one pass over a reply for all cues.
public struct CueMatcher: Sendable {
  /// A pattern compiled to term ids.
  struct CompiledPattern: Sendable {
    var owner: Int
    var terms: [Int32]
    var gaps: [Int32]
    var source: String
  }

  public let lexicon: CueLexicon
  let normalizer: TextNormalizer
  let automaton: AhoCorasick
  /// Cue patterns and exception patterns, indexed by their first term.
  let patterns: [CompiledPattern]
  let exceptions: [CompiledPattern]
  let patternsByFirstTerm: [Int32: [Int]]
  let exceptionsByFirstTerm: [Int32: [Int]]
  /// For each term id, the cues for which it is a negator.
  let negatorOwners: [Int32: [Int]]
  let detectors: [(cue: Int, detector: BuiltInDetector)]
  let fuzzy: FuzzyIndex

  /// Most characters allowed between a negator and the hit it cancels.
  static let negatorReach = 2

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
    func compile(_ pattern: CuePattern, owner: Int) -> CompiledPattern? {
      let ids = pattern.terms.compactMap(termID)
      guard ids.count == pattern.terms.count else { return nil }
      return CompiledPattern(owner: owner, terms: ids, gaps: pattern.gaps.map(Int32.init), source: pattern.source)
    }
    var patterns: [CompiledPattern] = []
    var exceptions: [CompiledPattern] = []
    var negatorOwners: [Int32: [Int]] = [:]
    var detectors: [(Int, BuiltInDetector)] = []
    for (index, cue) in lexicon.cues.enumerated() {
      patterns += cue.patterns.compactMap { compile($0, owner: index) }
      exceptions += cue.exceptions.compactMap { (try? CuePattern.parse($0)).flatMap { compile($0, owner: index) } }
      for negator in cue.negators { if let id = termID(negator) { negatorOwners[id, default: []].append(index) } }
      if let detector = cue.detector { detectors.append((index, detector)) }
    }
    self.automaton = AhoCorasick(terms: terms)
    self.patterns = patterns
    self.exceptions = exceptions
    self.patternsByFirstTerm = Dictionary(grouping: patterns.indices, by: { patterns[$0].terms[0] })
    self.exceptionsByFirstTerm = Dictionary(grouping: exceptions.indices, by: { exceptions[$0].terms[0] })
    self.negatorOwners = negatorOwners
    self.detectors = detectors
    self.fuzzy = FuzzyIndex(lexicon: lexicon, normalizer: normalizer)
  }

  /// Analyses one reply as typed.
  public func analyze(_ text: String) -> ReplyAnalysis {
    analyze(normalizer.normalize(text))
  }

  /// Analyses an already normalised reply.
  public func analyze(_ text: NormalizedText) -> ReplyAnalysis {
    let occurrences = Occurrences(automaton: automaton, text: text.scalars)
    var hits: [CueHit] = []
    var exceptionSpans: [(owner: Int, range: Range<Int>)] = []
    occurrences.forEachPatternMatch(exceptions, index: exceptionsByFirstTerm) { pattern, range in
      exceptionSpans.append((pattern.owner, range))
    }
    occurrences.forEachPatternMatch(patterns, index: patternsByFirstTerm) { pattern, range in
      let cancelled =
        exceptionSpans.contains { $0.owner == pattern.owner && $0.range.contains(range) }
        || occurrences.isNegated(range, owner: pattern.owner, negators: negatorOwners)
      if !cancelled {
        hits.append(CueHit(cue: lexicon.cues[pattern.owner].id, range: range, evidence: .pattern(pattern.source)))
      }
    }
    let quantities = detectors.isEmpty ? [] : QuantityScanner.scan(text.scalars)
    for (cue, detector) in detectors {
      for quantity in quantities where detector.accepts(quantity.kind) {
        hits.append(CueHit(cue: lexicon.cues[cue].id, range: quantity.range, evidence: .detector(quantity.kind, quantity.value)))
      }
    }
    let matched = Set(hits.map(\.cue))
    hits += fuzzy.hits(in: text, excluding: matched)
    return ReplyAnalysis(text: text, hits: Self.deduplicated(hits), quantities: quantities)
  }

  /// One hit per cue per place: overlapping hits of the same cue collapse into the first.
  static func deduplicated(_ hits: [CueHit]) -> [CueHit] {
    let sorted = hits.sorted { ($0.range.lowerBound, $0.range.upperBound, $0.cue) < ($1.range.lowerBound, $1.range.upperBound, $1.cue) }
    var lastEnd: [String: Int] = [:]
    var result: [CueHit] = []
    for hit in sorted {
      if let end = lastEnd[hit.cue], hit.range.lowerBound < end { continue }
      lastEnd[hit.cue] = hit.range.upperBound
      result.append(hit)
    }
    return result
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

/// The term occurrences of one reply, grouped by term and sorted by start, from one scan.
struct Occurrences {
  private var starts: [Int32: [Int32]] = [:]
  private var ends: [Int32: [Int32]] = [:]
  private let lengths: [Int32]

  init(automaton: AhoCorasick, text: [UInt32]) {
    lengths = automaton.termLengths
    var starts: [Int32: [Int32]] = [:]
    var ends: [Int32: [Int32]] = [:]
    let lengths = self.lengths
    automaton.scan(text) { match in
      starts[match.term, default: []].append(match.end - lengths[Int(match.term)])
      ends[match.term, default: []].append(match.end)
    }
    // Occurrences arrive ordered by end; for one term, start order is the same.
    self.starts = starts
    self.ends = ends
  }

  /// Calls `found` for each match of each pattern (earliest continuation for each start).
  func forEachPatternMatch(
    _ patterns: [CueMatcher.CompiledPattern], index: [Int32: [Int]],
    _ found: (CueMatcher.CompiledPattern, Range<Int>) -> Void
  ) {
    for (term, termStarts) in starts.sorted(by: { $0.key < $1.key }) {
      guard let candidates = index[term] else { continue }
      for patternIndex in candidates {
        let pattern = patterns[patternIndex]
        for start in termStarts {
          var end = start + lengths[Int(term)]
          var complete = true
          for position in 1..<max(1, pattern.terms.count) where pattern.terms.count > 1 {
            let next = pattern.terms[position]
            guard let nextStart = firstStart(of: next, from: end, upTo: end + pattern.gaps[position - 1]) else {
              complete = false
              break
            }
            end = nextStart + lengths[Int(next)]
          }
          if complete { found(pattern, Int(start)..<Int(end)) }
        }
      }
    }
  }

  /// The first start of `term` in `[from, upTo]`.
  private func firstStart(of term: Int32, from: Int32, upTo: Int32) -> Int32? {
    guard let list = starts[term] else { return nil }
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if list[middle] < from { low = middle + 1 } else { high = middle }
    }
    return low < list.count && list[low] <= upTo ? list[low] : nil
  }

  /// Whether a negator of `owner` ends at most ``CueMatcher/negatorReach`` characters before `range`.
  func isNegated(_ range: Range<Int>, owner: Int, negators: [Int32: [Int]]) -> Bool {
    for (term, owners) in negators where owners.contains(owner) {
      guard let termEnds = ends[term] else { continue }
      if termEnds.contains(where: { Int($0) <= range.lowerBound && range.lowerBound - Int($0) <= CueMatcher.negatorReach }) {
        return true
      }
    }
    return false
  }
}
