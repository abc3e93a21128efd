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
  let patterns: [CompiledPattern]
  let exceptions: [CompiledPattern]
  /// Per term id: the cue patterns, exception patterns and negated cues that start with it.
  /// Arrays indexed by term id, not dictionaries: `analyze` runs per reply and must not hash.
  let patternsByFirstTerm: [[Int32]]
  let exceptionsByFirstTerm: [[Int32]]
  let negatorOwners: [[Int32]]
  let detectors: [(cue: Int, detector: BuiltInDetector)]
  let fuzzy: FuzzyIndex
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
    func compile(_ pattern: CuePattern, owner: Int) -> CompiledPattern? {
      let ids = pattern.terms.compactMap(termID)
      guard ids.count == pattern.terms.count else { return nil }
      return CompiledPattern(owner: owner, terms: ids, gaps: pattern.gaps.map(Int32.init), source: pattern.source)
    }
    var patterns: [CompiledPattern] = []
    var exceptions: [CompiledPattern] = []
    var negators: [(term: Int32, owner: Int32)] = []
    var detectors: [(Int, BuiltInDetector)] = []
    for (index, cue) in lexicon.cues.enumerated() {
      patterns += cue.patterns.compactMap { compile($0, owner: index) }
      exceptions += cue.exceptions.compactMap { (try? CuePattern.parse($0)).flatMap { compile($0, owner: index) } }
      for negator in cue.negators { if let id = termID(negator) { negators.append((id, Int32(index))) } }
      if let detector = cue.detector { detectors.append((index, detector)) }
    }
    var byFirst = [[Int32]](repeating: [], count: terms.count)
    for (index, pattern) in patterns.enumerated() { byFirst[Int(pattern.terms[0])].append(Int32(index)) }
    var exceptionsByFirst = [[Int32]](repeating: [], count: terms.count)
    for (index, pattern) in exceptions.enumerated() { exceptionsByFirst[Int(pattern.terms[0])].append(Int32(index)) }
    var negatorOwners = [[Int32]](repeating: [], count: terms.count)
    for (term, owner) in negators { negatorOwners[Int(term)].append(owner) }
    self.automaton = AhoCorasick(terms: terms)
    self.patterns = patterns
    self.exceptions = exceptions
    self.patternsByFirstTerm = byFirst
    self.exceptionsByFirstTerm = exceptionsByFirst
    self.negatorOwners = negatorOwners
    self.detectors = detectors
    self.fuzzy = FuzzyIndex(lexicon: lexicon, normalizer: normalizer)
    self.longestTerm = terms.map { Int32($0.count) }.max() ?? 1
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
    var exceptionSpans: [Candidate] = []
    var negations: [(owner: Int32, end: Int32)] = []
    for (index, match) in matches.enumerated() {
      let term = Int(match.term)
      let start = match.end - automaton.termLengths[term]
      for patternIndex in exceptionsByFirstTerm[term] {
        if let end = completion(of: exceptions[Int(patternIndex)], startingAt: index, matches) {
          exceptionSpans.append(Candidate(owner: Int32(exceptions[Int(patternIndex)].owner), start: start, end: end, pattern: patternIndex))
        }
      }
      for patternIndex in patternsByFirstTerm[term] {
        if let end = completion(of: patterns[Int(patternIndex)], startingAt: index, matches) {
          candidates.append(Candidate(owner: Int32(patterns[Int(patternIndex)].owner), start: start, end: end, pattern: patternIndex))
        }
      }
      for owner in negatorOwners[term] { negations.append((owner, match.end)) }
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
        cue: lexicon.cues[Int(candidate.owner)].id, cueIndex: candidate.owner, range: Int(candidate.start)..<Int(candidate.end),
        evidence: .pattern(patterns[Int(candidate.pattern)].source)))
    }
    let quantities = detectors.isEmpty ? [] : QuantityScanner.scan(text.scalars)
    for (cue, detector) in detectors {
      for quantity in quantities where detector.accepts(quantity.kind) {
        hits.append(CueHit(
          cue: lexicon.cues[cue].id, cueIndex: Int32(cue), range: quantity.range,
          evidence: .detector(quantity.kind, quantity.value)))
      }
    }
    if fuzzy.isActive {
      var matched = [Bool](repeating: false, count: lexicon.cues.count)
      for candidate in candidates { matched[Int(candidate.owner)] = true }
      for hit in hits { matched[Int(hit.cueIndex)] = true }
      hits += fuzzy.hits(in: text, excluding: matched)
    }
    Self.deduplicate(&hits)
    return ReplyAnalysis(text: text, hits: hits, quantities: quantities)
  }

  /// Where a pattern whose first term matched at `matches[index]` ends, if its later terms
  /// follow within their gaps (the earliest continuation is taken).
  @inline(__always)
  private func completion(of pattern: CompiledPattern, startingAt index: Int, _ matches: [AhoCorasick.Match]) -> Int32? {
    var end = matches[index].end
    guard pattern.terms.count > 1 else { return end }
    var cursor = index + 1
    for position in 1..<pattern.terms.count {
      let term = pattern.terms[position]
      let latestStart = end + pattern.gaps[position - 1]
      var found: Int32?
      // Matches are ordered by end; a later term starting at or after `end` ends after it.
      var scan = cursor
      while scan < matches.count, matches[scan].end <= latestStart + longestTerm {
        let candidate = matches[scan]
        let start = candidate.end - automaton.termLengths[Int(candidate.term)]
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

  /// One hit per cue per place: overlapping hits of the same cue collapse into the first.
  static func deduplicate(_ hits: inout [CueHit]) {
    hits.sort { ($0.range.lowerBound, $0.range.upperBound, $0.cue) < ($1.range.lowerBound, $1.range.upperBound, $1.cue) }
    var kept = 0
    for index in hits.indices {
      let hit = hits[index]
      if hits[..<kept].contains(where: { $0.cue == hit.cue && hit.range.lowerBound < $0.range.upperBound }) { continue }
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

