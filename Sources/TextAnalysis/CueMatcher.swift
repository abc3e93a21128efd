/// The cue lexicon compiled for matching: all cues' literal terms in one Aho–Corasick
/// automaton, gapped patterns as term sequences, exceptions, negators, the built-in recognisers
/// and the fuzzy example index. Built once; `analyze` makes one pass over a reply for all cues.
public final class CueMatcher: Sendable {
  public let lexicon: CueLexicon
  let normalizer: TextNormalizer
  let automaton: AhoCorasick
  let patterns: PatternTable
  let exceptions: PatternTable
  /// Per term id: its first presence keys and their signature, and where its other rows are in
  /// `presenceValues` and `patternRows`. One record per term, so a term occurrence costs one
  /// cache line rather than one per table: these are read for every term occurrence of every
  /// reply, and the matcher's tables exceed the L2 cache.
  let termRows: [TermRows]
  /// Rows of presence keys (see ``ElementSet``), by term: the keys an occurrence of the term
  /// sets, its own and its classes', for the terms and classes that appear after the first
  /// element of some pattern (only their presence is ever asked about). Only the keys beyond a
  /// term's ``TermRows/inlineKeys`` are read from here.
  let presenceValues: [Int32]
  /// Rows of cue patterns, by first term (no dictionaries, no nested arrays: `analyze` runs per
  /// reply and must neither hash nor retain per step).
  let patternRows: [PatternStart]
  let exceptionsByFirstTerm: CompressedRows
  /// Parallel to `exceptionsByFirstTerm.values`: each exception's cue (rows are sorted by it, so
  /// a hit finds its cue's exceptions by binary search over this array alone) and the presence
  /// key of its second element or -1. Nine in ten exceptions tried lack a later element: this
  /// rejects most of them without loading the pattern.
  let exceptionOwners: [Int32]
  let exceptionSecondKeys: [Int32]
  let negatorOwners: CompressedRows
  /// Per cue, the terms that start one of its exceptions, as bits: most term occurrences near a
  /// hit start none, and one bit test rules them out before any search.
  let exceptionStartBits: OwnerTermBits
  /// The terms that start some cue's exception (owner 0): a reply's occurrences of them are
  /// listed once, and hits look for their exceptions among those few only.
  let anyExceptionStartBits: OwnerTermBits
  /// Per term id: the word classes it belongs to.
  let termClasses: CompressedRows
  /// How many presence keys there are: the size of a reply's ``ElementSet``, kept small so the
  /// set lives on the stack and clears in a few stores.
  let presenceKeyCount: Int
  let detectors: [(cue: Int, detector: BuiltInDetector)]
  let fuzzy: FuzzyIndex
  /// Cue ids by lexicon index (looked up only when a hit is made).
  let cueIDs: [String]
  /// The longest term, in scalars.
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
    // Word classes: each class's term ids, and (below) each term's classes.
    var classIndex: [String: Int32] = [:]
    var classTerms: [[Int32]] = []
    for wordClass in lexicon.classes where classIndex[wordClass.id] == nil {
      classIndex[wordClass.id] = Int32(classTerms.count)
      classTerms.append(Array(Set(wordClass.words.compactMap(termID))).sorted())
    }
    /// A pattern element: a term id (≥ 0) or a word class (-1 - class index).
    func element(_ term: String) -> Int32? {
      if let name = CuePattern.wordClass(in: term) { return classIndex[name].map { -1 - $0 } }
      return termID(term)
    }
    /// The term ids an element stands for.
    func termsOf(_ element: Int32) -> [Int32] { element >= 0 ? [element] : classTerms[Int(-1 - element)] }
    var patterns = PatternTable()
    var exceptions = PatternTable()
    var patternStarts: [(row: Int32, value: Int32)] = []
    var exceptionStarts: [(row: Int32, value: Int32)] = []
    func compile(
      _ pattern: CuePattern, owner: Int, ordinal: Int32 = -1, into table: inout PatternTable,
      starts: inout [(row: Int32, value: Int32)]
    ) {
      let elements = pattern.terms.compactMap(element)
      guard elements.count == pattern.terms.count else { return }
      let longest = elements.map { termsOf($0).map { Int32(terms[Int($0)].count) }.max() ?? 0 }
      let index = Int32(table.count)
      table.append(
        owner: Int32(owner), elements: elements, longestWords: longest, gaps: pattern.gaps.map(Int32.init),
        source: pattern.source, ordinal: ordinal)
      for term in termsOf(elements[0]) { starts.append((term, index)) }
    }
    var negators: [(row: Int32, value: Int32)] = []
    var detectors: [(Int, BuiltInDetector)] = []
    var ordinal: Int32 = 0  // every pattern of the lexicon counts, compiled or not (see CueHit.patternIndex)
    for (index, cue) in lexicon.cues.enumerated() {
      for pattern in cue.patterns {
        compile(pattern, owner: index, ordinal: ordinal, into: &patterns, starts: &patternStarts)
        ordinal += 1
      }
      for phrase in cue.exceptions {
        if let pattern = try? CuePattern.parse(phrase) {
          compile(pattern, owner: index, into: &exceptions, starts: &exceptionStarts)
        }
      }
      for negator in cue.negators {
        for word in lexicon.words(for: negator) {
          if let id = termID(word) { negators.append((id, Int32(index))) }
        }
      }
      if let detector = cue.detector { detectors.append((index, detector)) }
    }
    automaton = AhoCorasick(terms: terms)
    // Presence keys: a dense number for each term or class some pattern or exception needs
    // after its first element.
    var presenceKey: [Int32: Int32] = [:]
    let keyOf = { (element: Int32) -> Int32 in
      if let key = presenceKey[element] { return key }
      let key = Int32(presenceKey.count)
      presenceKey[element] = key
      return key
    }
    patterns.assignPresenceKeys(keyOf)
    exceptions.assignPresenceKeys(keyOf)
    self.patterns = patterns
    self.exceptions = exceptions
    let patternsByFirstTerm = CompressedRows(rows: terms.count, entries: patternStarts)
    patternRows = patternsByFirstTerm.values.map {
      PatternStart(secondKey: patterns.secondPresenceKey(Int($0)), pattern: $0)
    }
    // Rows sorted by owning cue, so a hit looks up only its own cue's exceptions and negators.
    let exceptionOwner = { (entry: (row: Int32, value: Int32)) in exceptions.records[Int(entry.value)].owner }
    exceptionsByFirstTerm = CompressedRows(
      rows: terms.count, entries: exceptionStarts.sorted { exceptionOwner($0) < exceptionOwner($1) })
    exceptionOwners = exceptionsByFirstTerm.values.map { exceptions.records[Int($0)].owner }
    exceptionSecondKeys = exceptionsByFirstTerm.values.map { exceptions.secondPresenceKey(Int($0)) }
    negatorOwners = CompressedRows(rows: terms.count, entries: negators.sorted { $0.value < $1.value })
    var starts = OwnerTermBits(owners: lexicon.cues.count, terms: terms.count)
    for entry in exceptionStarts { starts.insert(owner: Int(exceptionOwner(entry)), term: Int(entry.row)) }
    exceptionStartBits = starts
    var anyStarts = OwnerTermBits(owners: 1, terms: terms.count)
    for entry in exceptionStarts { anyStarts.insert(owner: 0, term: Int(entry.row)) }
    anyExceptionStartBits = anyStarts
    termClasses = CompressedRows(
      rows: terms.count,
      entries: classTerms.enumerated().flatMap { wordClass, members in members.map { ($0, Int32(wordClass)) } })
    var presenceEntries: [(row: Int32, value: Int32)] = []
    for term in terms.indices {
      if let key = presenceKey[Int32(term)] { presenceEntries.append((Int32(term), key)) }
    }
    for (wordClass, members) in classTerms.enumerated() {
      guard let key = presenceKey[-1 - Int32(wordClass)] else { continue }
      for term in members { presenceEntries.append((term, key)) }
    }
    let presenceKeys = CompressedRows(rows: terms.count, entries: presenceEntries)
    presenceValues = presenceKeys.values
    // A term with fewer presence keys than its record holds fills the rest with a spare key, a
    // bit of the reply's set that no pattern asks about.
    let spare = Int32(presenceKey.count)
    termRows = (0..<terms.count).map { term in
      let rows = presenceKeys.range(term)
      var keys = [Int32](repeating: spare, count: TermRows.inlineKeys)
      for (slot, row) in rows.prefix(TermRows.inlineKeys).enumerated() { keys[slot] = presenceKeys.values[row] }
      let overflow = rows.dropFirst(TermRows.inlineKeys)
      return TermRows(
        keys: (keys[0], keys[1], keys[2], keys[3]),
        signature: rows.reduce(0) { $0 | PatternTable.signatureBit(presenceKeys.values[$1]) },
        overflowStart: Int32(overflow.lowerBound), overflowEnd: Int32(overflow.upperBound),
        patternStart: patternsByFirstTerm.starts[term], patternEnd: patternsByFirstTerm.starts[term + 1])
    }
    presenceKeyCount = presenceKey.count + 1  // and the spare
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
    var hits = patternHits(text, resolve: true)
    let quantities = detectors.isEmpty ? [] : QuantityScanner.scan(text.scalars)
    for (cue, detector) in detectors {
      for quantity in quantities where detector.accepts(quantity.kind) {
        hits.append(CueHit(
          cue: cueIDs[cue], cueIndex: Int32(cue), range: quantity.range,
          evidence: .detector(quantity.kind, quantity.value)))
      }
    }
    if fuzzy.isActive {
      hits += fuzzy.hits(in: text, excluding: hits)
    }
    Self.deduplicate(&hits)
    return ReplyAnalysis(text: text, hits: hits, quantities: quantities)
  }

  /// One automaton pass over the reply, then (if `resolve`) the patterns completed from it.
  ///
  /// The term occurrences live in a temporary buffer of ``stackMatches`` (1 KB, on the stack: a
  /// reply has about one per character); a reply with more is scanned again into a buffer sized
  /// for the worst case, its length times the most terms that can end at one place.
  private func patternHits(_ text: NormalizedText, resolve: Bool) -> [CueHit] {
    var hits: [CueHit] = []
    text.scalars.withUnsafeBufferPointer { scalars in
      func scan(into buffer: UnsafeMutableBufferPointer<AhoCorasick.Match>) -> Bool {
        guard let count = automaton.scan(scalars, into: buffer) else { return false }
        if resolve, count > 0 {
          resolvePatterns(UnsafeBufferPointer(rebasing: buffer[0..<count]), into: &hits)
        }
        return true
      }
      if withUnsafeTemporaryAllocation(of: AhoCorasick.Match.self, capacity: Self.stackMatches, scan) { return }
      withUnsafeTemporaryAllocation(
        of: AhoCorasick.Match.self, capacity: max(1, scalars.count * automaton.mostOutputsPerState)
      ) { _ = scan(into: $0) }
    }
    return hits
  }

  /// Term occurrences that fit the first buffer (1 KB, the most the standard library places on
  /// the stack without asking).
  static let stackMatches = 1024 / MemoryLayout<AhoCorasick.Match>.stride

  /// The steps of `analyze`, for benchmarks that time each one.
  @_spi(Benchmark) public enum Step: String, CaseIterable, Sendable {
    case scan = "automaton scan"
    case patterns = "scan + patterns"
    case quantities = "quantity scan"
    case fuzzy = "fuzzy layer"
  }

  /// Runs one step of `analyze` on an already normalised reply; returns a count so the work
  /// cannot be optimised away.
  @_spi(Benchmark) public func run(_ step: Step, on text: NormalizedText) -> Int {
    switch step {
    case .scan: patternHits(text, resolve: false).count
    case .patterns: patternHits(text, resolve: true).count
    case .quantities: QuantityScanner.scan(text.scalars).count
    case .fuzzy: fuzzy.hits(in: text, excluding: []).count
    }
  }

  /// Turns term occurrences into cue hits: patterns that complete, minus those inside an
  /// exception of the same cue or right after one of its negators.
  private func resolvePatterns(_ matches: UnsafeBufferPointer<AhoCorasick.Match>, into hits: inout [CueHit]) {
    var candidates: [Candidate] = []
    candidates.reserveCapacity(16)  // one allocation for the usual handful, not a growth series
    let lengths = automaton.termLengths
    ElementSet.with(capacity: presenceKeyCount) { present in
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: matches.count) { signatureBuffer in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: matches.count) { starterBuffer in
          // Which terms and classes occur at all: most gapped patterns whose first term occurs
          // lack a later one, and this rejects them without looking through the matches. Per
          // term occurrence, its presence keys as a signature (see ``PatternTable/signatureBit(_:)``).
          // And the occurrences of terms that start some exception, for the hits to look for
          // their exceptions among: written always, kept when the term starts one, so there is
          // no branch to mispredict on a coin-flip test (the buffer has room for every one).
          // All in one pass, per term occurrence (dozens per reply), through unchecked pointers.
          var starterCount = 0
          termRows.withUnsafeBufferPointer { termRows in
            presenceValues.withUnsafeBufferPointer { values in
              for (index, match) in matches.enumerated() {
                let rows = termRows[Int(match.term)]
                // A fixed number of keys, spares included, and rarely a loop for more: a loop
                // over each term's keys mispredicted its exit for most term occurrences.
                present.insert(Int(rows.keys.0))
                present.insert(Int(rows.keys.1))
                present.insert(Int(rows.keys.2))
                present.insert(Int(rows.keys.3))
                for row in Int(rows.overflowStart)..<Int(rows.overflowEnd) { present.insert(Int(values[row])) }
                signatureBuffer[index] = rows.signature
                starterBuffer[starterCount] = Int32(index)
                starterCount &+= anyExceptionStartBits.bit(owner: 0, term: Int(match.term))
              }
            }
            let occurrences = TermOccurrences(matches: matches, signatures: UnsafeBufferPointer(signatureBuffer))
            let (patterns, termClasses) = (patterns, termClasses)  // locals: read once, not per row
            patternRows.withUnsafeBufferPointer { patternRows in
              for index in matches.indices {
                let match = matches[index]
                let term = Int(match.term)
                let rows = termRows[term]
                for row in Int(rows.patternStart)..<Int(rows.patternEnd) {
                  // Most patterns whose first term occurs lack their second: rejected here, while
                  // reading the row sequentially, before the pattern itself is loaded.
                  let second = patternRows[row].secondKey
                  if second >= 0, !present.contains(Int(second)) { continue }
                  let pattern = Int(patternRows[row].pattern)
                  guard patterns.laterElementsOccur(pattern, in: present),
                    let end = patterns.completion(pattern, startingAt: index, occurrences, lengths, termClasses)
                  else { continue }
                  candidates.append(Candidate(
                    owner: patterns.records[pattern].owner, start: match.end - lengths[term], end: end,
                    pattern: Int32(pattern)))
                }
              }
            }
            guard !candidates.isEmpty else { return }
            hits.reserveCapacity(candidates.count + 4)
            let starters = UnsafeBufferPointer(rebasing: starterBuffer[0..<starterCount])
            for candidate in candidates
            where !isNegated(candidate, matches) && !isExcepted(candidate, occurrences, starters: starters, present) {
              hits.append(CueHit(
                cue: cueIDs[Int(candidate.owner)], cueIndex: candidate.owner,
                range: Int(candidate.start)..<Int(candidate.end), evidence: .pattern(patterns.sources[Int(candidate.pattern)]),
                patternIndex: patterns.ordinals[Int(candidate.pattern)]))
            }
          }
        }
      }
    }
  }

  /// Whether one of the cue's negators ends at most ``negatorReach`` characters before the hit.
  /// Looked up per hit (few) rather than per negator occurrence: a common negator such as 不
  /// belongs to many cues.
  private func isNegated(_ candidate: Candidate, _ matches: UnsafeBufferPointer<AhoCorasick.Match>) -> Bool {
    guard !negatorOwners.values.isEmpty else { return false }
    var index = matches.firstIndex(endingAtOrAfter: candidate.start - Self.negatorReach)
    while index < matches.count, matches[index].end <= candidate.start {
      let row = Int(matches[index].term)
      if !negatorOwners.range(row, valuesEqual: candidate.owner).isEmpty { return true }
      index += 1
    }
    return false
  }

  /// Whether an exception of the same cue contains the hit. Only the reply's occurrences of
  /// terms that start some exception (`starters`, indices into `matches`, in order) are tried,
  /// and only those close enough before the hit: a bit test rules out those that start none of
  /// this cue's exceptions, and for the rest only the cue's own exceptions are searched (rows are
  /// sorted by cue), so a lexicon with thousands of exceptions stays cheap.
  private func isExcepted(
    _ candidate: Candidate, _ occurrences: TermOccurrences, starters: UnsafeBufferPointer<Int32>, _ present: ElementSet
  ) -> Bool {
    let matches = occurrences.matches
    let owner = Int(candidate.owner)
    guard owner < exceptions.longestSpanByOwner.count, exceptions.longestSpanByOwner[owner] > 0 else { return false }
    let lengths = automaton.termLengths
    // Bounds in locals, read once: the loop runs per starter per hit.
    let earliestEnd = candidate.end - exceptions.longestSpanByOwner[owner]
    let latestEnd = candidate.start + longestTerm
    let startBits = exceptionStartBits
    for starter in starters {
      let index = Int(starter)
      let match = matches[index]
      if match.end < earliestEnd { continue }
      // Ordered by end: once a term ends this late it (and every later one) starts after the hit.
      if match.end > latestEnd { break }
      let term = Int(match.term)
      // The cue's bit first: most starters start none of this cue's exceptions.
      guard startBits.contains(owner: owner, term: term), match.end - lengths[term] <= candidate.start else {
        continue
      }
      for row in exceptionsByFirstTerm.range(term, sortedParallel: exceptionOwners, equalTo: candidate.owner) {
        let second = exceptionSecondKeys[row]
        if second >= 0, !present.contains(Int(second)) { continue }
        let pattern = Int(exceptionsByFirstTerm.values[row])
        if exceptions.laterElementsOccur(pattern, in: present),
          let end = exceptions.completion(pattern, startingAt: index, occurrences, lengths, termClasses),
          end >= candidate.end
        {
          return true
        }
      }
    }
    return false
  }

  /// One hit per cue per place: overlapping hits of the same cue collapse into the first.
  static func deduplicate(_ hits: inout [CueHit]) {
    // Sorted and compared by lexicon index, not by id string: this runs for every reply.
    hits.sort {
      ($0.range.lowerBound, $0.range.upperBound, $0.cueIndex) < ($1.range.lowerBound, $1.range.upperBound, $1.cueIndex)
    }
    // Kept hits are moved forward through the buffer, not copied: a copy (and the array's own
    // swapAt) retains and releases the hit's strings.
    let kept = hits.withUnsafeMutableBufferPointer { hits in
      var kept = 0
      for index in hits.indices {
        let cue = hits[index].cueIndex
        let start = hits[index].range.lowerBound
        if hits[..<kept].contains(where: { $0.cueIndex == cue && start < $0.range.upperBound }) { continue }
        if kept != index { hits.swapAt(kept, index) }
        kept += 1
      }
      return kept
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


/// Compiled patterns in flat arrays (structure of arrays): owner cue, elements, gaps and source.
/// An element is a term id (≥ 0) or a word class (-1 - class index).
struct PatternTable: Sendable {
  /// Per pattern: its cue and where its elements are in `steps` (one record, so reading a
  /// pattern costs one cache line: these are read for every term occurrence in every reply).
  struct Record {
    var owner: Int32
    var elementStart: Int32
    var elementCount: Int32
  }

  /// One element of a pattern: the term or class, the gap allowed before it, the length of
  /// its longest word, which bounds how far to look for it, and (after the first element) its
  /// presence key in a reply's ``ElementSet``.
  struct Step {
    var element: Int32
    var gapBefore: Int32
    var longestWord: Int32
    var presenceKey: Int32 = -1
  }

  var records: [Record] = []
  var steps: [Step] = []
  var sources: [String] = []
  /// Per pattern, its place among the lexicon's patterns (``CueHit/patternIndex``), or -1.
  var ordinals: [Int32] = []
  /// Per owning cue, the most scalars any of its patterns can span (its longest words and widest
  /// gaps); 0 when the cue has no pattern in this table.
  var longestSpanByOwner: [Int32] = []

  var count: Int { records.count }

  mutating func append(
    owner: Int32, elements patternElements: [Int32], longestWords patternLongest: [Int32], gaps: [Int32], source: String,
    ordinal: Int32
  ) {
    records.append(Record(owner: owner, elementStart: Int32(steps.count), elementCount: Int32(patternElements.count)))
    for (position, element) in patternElements.enumerated() {
      steps.append(Step(
        element: element, gapBefore: position == 0 ? 0 : gaps[position - 1], longestWord: patternLongest[position]))
    }
    let span = patternLongest.reduce(0, +) + gaps.reduce(0, +)
    if longestSpanByOwner.count <= Int(owner) {
      longestSpanByOwner += [Int32](repeating: 0, count: Int(owner) + 1 - longestSpanByOwner.count)
    }
    longestSpanByOwner[Int(owner)] = max(longestSpanByOwner[Int(owner)], span)
    sources.append(source)
    ordinals.append(ordinal)
  }

  /// Where pattern `pattern`, whose first element matched at `matches[index]`, ends if its
  /// later elements follow within their gaps. The continuations are tried in order of where they
  /// end, backtracking when a later element cannot follow, so overlapping words of a class
  /// ("没" and "没有") cannot hide a match; the first complete continuation is taken.
  @inline(__always)
  func completion(
    _ pattern: Int, startingAt index: Int, _ occurrences: TermOccurrences, _ lengths: [Int32],
    _ termClasses: CompressedRows
  ) -> Int32? {
    let record = records[pattern]
    let count = Int(record.elementCount)
    let end = occurrences.matches[index].end
    guard count > 1 else { return end }
    let first = Int(record.elementStart)
    var budget = Self.continuationBudget
    return continuation(
      from: first + 1, to: first + count, after: end, cursor: index + 1, occurrences, lengths, termClasses,
      budget: &budget)
  }

  /// How many candidate continuations one completion may try. Ordinary replies need a handful;
  /// the cap keeps backtracking linear on hostile input (one word repeated thousands of times).
  static let continuationBudget = 512

  /// The end of the first way elements `position..<last` can follow a match ending at `end`
  /// (depth-first; patterns have a handful of elements and each gap holds a few matches).
  private func continuation(
    from position: Int, to last: Int, after end: Int32, cursor: Int, _ occurrences: TermOccurrences,
    _ lengths: [Int32], _ termClasses: CompressedRows, budget: inout Int
  ) -> Int32? {
    if position == last { return end }
    let step = steps[position]
    let latestStart = end + step.gapBefore
    let latestEnd = latestStart + step.longestWord
    let wanted = Self.signatureBit(step.presenceKey)
    let matches = occurrences.matches
    // Matches are ordered by end; a later term starting at or after `end` ends after it.
    var scan = cursor
    while scan < matches.count, matches[scan].end <= latestEnd {
      let candidate = matches[scan]
      // The signature first: one load and a test rule most candidates out, before the term's
      // length is looked up.
      if occurrences.signatures[scan] & wanted != 0, case let start = candidate.end - lengths[Int(candidate.term)],
        start >= end, start <= latestStart, Self.term(candidate.term, isIn: step.element, termClasses)
      {
        budget -= 1
        if budget < 0 { return nil }
        if let done = continuation(
          from: position + 1, to: last, after: candidate.end, cursor: scan + 1, occurrences, lengths, termClasses,
          budget: &budget)
        {
          return done
        }
      }
      scan += 1
    }
    return nil
  }

  /// Numbers the elements after each pattern's first with `key(element)`, the same number for
  /// the same term or class across tables.
  mutating func assignPresenceKeys(_ key: (Int32) -> Int32) {
    for record in records {
      let first = Int(record.elementStart)
      for position in (first + 1)..<(first + Int(record.elementCount)) {
        steps[position].presenceKey = key(steps[position].element)
      }
    }
  }

  /// The presence key of a pattern's second element, or -1 when it has one element.
  func secondPresenceKey(_ pattern: Int) -> Int32 {
    let record = records[pattern]
    return record.elementCount > 1 ? steps[Int(record.elementStart) + 1].presenceKey : -1
  }

  /// Whether every element after the first occurs somewhere in the reply (a necessary
  /// condition for completing, checked with one bit test per element).
  @inline(__always)
  func laterElementsOccur(_ pattern: Int, in present: ElementSet) -> Bool {
    let record = records[pattern]
    let first = Int(record.elementStart)
    for position in (first + 1)..<(first + Int(record.elementCount)) {
      if !present.contains(Int(steps[position].presenceKey)) { return false }
    }
    return true
  }

  /// The bit of a presence key in a term occurrence's signature: the OR of its presence keys'
  /// bits. A term fills an element after a pattern's first only if its presence keys include the
  /// element's, so a clear bit rules it out with one test, before its word classes are searched.
  @inline(__always)
  static func signatureBit(_ presenceKey: Int32) -> UInt64 { 1 << UInt64(presenceKey & 63) }

  /// Whether a matched term fills a pattern element.
  @inline(__always)
  static func term(_ term: Int32, isIn element: Int32, _ termClasses: CompressedRows) -> Bool {
    if element >= 0 { return term == element }
    let wordClass = -1 - element
    for row in termClasses.range(Int(term)) where termClasses.values[row] == wordClass { return true }
    return false
  }
}

/// A reply's term occurrences, ordered by end, and each one's presence-key signature
/// (``PatternTable/signatureBit(_:)``), side by side.
struct TermOccurrences {
  let matches: UnsafeBufferPointer<AhoCorasick.Match>
  let signatures: UnsafeBufferPointer<UInt64>
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

  /// The part of row `row` equal to `value`, in a row sorted by value.
  @inline(__always)
  func range(_ row: Int, valuesEqual value: Int32) -> Range<Int> {
    values.withUnsafeBufferPointer { values in
      sortedRange(row) { values[$0] < value } matching: { values[$0] == value }
    }
  }

  /// The part of row `row` where `keys` (an array parallel to `values`, sorted within each row)
  /// equals `key`.
  @inline(__always)
  func range(_ row: Int, sortedParallel keys: [Int32], equalTo key: Int32) -> Range<Int> {
    keys.withUnsafeBufferPointer { keys in
      sortedRange(row) { keys[$0] < key } matching: { keys[$0] == key }
    }
  }

  /// Binary search within row `row`, by position in `values`.
  @inline(__always)
  private func sortedRange(_ row: Int, before: (Int) -> Bool, matching: (Int) -> Bool) -> Range<Int> {
    let whole = range(row)
    var low = whole.lowerBound
    var high = whole.upperBound
    while low < high {
      let middle = (low + high) / 2
      if before(middle) { low = middle + 1 } else { high = middle }
    }
    var end = low
    while end < whole.upperBound, matching(end) { end += 1 }
    return low..<end
  }
}

/// One term's presence keys and where its rows are in ``CueMatcher``'s tables.
struct TermRows {
  /// The first ``inlineKeys`` presence keys, padded with the spare key.
  var keys: (Int32, Int32, Int32, Int32)
  /// All its presence keys' bits (``PatternTable/signatureBit(_:)``), the spare's not among them.
  var signature: UInt64
  /// Its presence keys beyond the first ``inlineKeys``, in `presenceValues`.
  var overflowStart: Int32
  var overflowEnd: Int32
  var patternStart: Int32
  var patternEnd: Int32

  /// How many keys `keys` holds (a tuple, so the record has no array to retain or chase).
  static let inlineKeys = 4
}

/// A cue pattern in its first term's row: the pattern, and the presence key of its second
/// element (-1 when it has one element), side by side so a row is read in one pass.
struct PatternStart {
  var secondKey: Int32
  var pattern: Int32
}

/// A bit per (cue, term) pair, row by cue.
struct OwnerTermBits: Sendable {
  private var words: [UInt64]
  private let wordsPerOwner: Int

  init(owners: Int, terms: Int) {
    wordsPerOwner = terms / 64 + 1
    words = [UInt64](repeating: 0, count: max(1, owners * wordsPerOwner))
  }

  mutating func insert(owner: Int, term: Int) {
    words[owner * wordsPerOwner + term >> 6] |= 1 << UInt64(term & 63)
  }

  @inline(__always)
  func contains(owner: Int, term: Int) -> Bool { bit(owner: owner, term: term) != 0 }

  /// The bit as a number, 1 or 0: for counting without a comparison, which the compiler may
  /// turn into a branch (one to mispredict, when the bit is a coin flip).
  @inline(__always)
  func bit(owner: Int, term: Int) -> Int {
    Int(truncatingIfNeeded: words[owner * wordsPerOwner + term >> 6] &>> UInt64(term & 63) & 1)
  }
}

/// The presence keys (terms and word classes that patterns need after their first element) seen
/// in one reply, as bits in a temporary buffer.
struct ElementSet {
  private let words: UnsafeMutableBufferPointer<UInt64>

  /// Runs `body` with an empty set for numbers below `capacity` (on the stack when small).
  static func with<Result>(capacity: Int, _ body: (ElementSet) -> Result) -> Result {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: capacity / 64 + 1) { words in
      words.initialize(repeating: 0)
      return body(ElementSet(words: words))
    }
  }

  @inline(__always)
  func insert(_ value: Int) { words[value >> 6] |= 1 << UInt64(value & 63) }

  @inline(__always)
  func contains(_ value: Int) -> Bool { words[value >> 6] & (1 << UInt64(value & 63)) != 0 }
}

extension UnsafeBufferPointer where Element == AhoCorasick.Match {
  /// The first match ending at or after `end` (matches are ordered by end).
  @inline(__always)
  func firstIndex(endingAtOrAfter end: Int32) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if self[middle].end < end { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
