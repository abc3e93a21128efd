/// A multi-pattern string matcher (Aho–Corasick) over Unicode scalar values: one pass over a
/// reply finds every occurrence of every lexicon term.
///
/// Written here because no maintained Swift package offers one. The structure is the textbook
/// automaton (goto, failure links, merged outputs), laid out for the cache because the scan is
/// the hot loop of all text analysis:
/// - scalars are first mapped to *letters*, dense numbers for the few thousand scalars that
///   occur in some term (a scalar in no term is letter 0 and sends the automaton to the root);
/// - the root, where most steps start, has a dense transition row indexed by letter;
/// - every other state keeps its edges in one flat array, and its first edge also inline in its
///   32-byte record: most deep states have a single edge, so a step usually reads one record and
///   nothing else;
/// - a state with many edges (the single characters that start hundreds of terms) keeps them in
///   a small open-addressing table, so finding one costs one probe rather than a binary search;
/// - failure links skip states without edges: such a state can never continue a match, and
///   skipping it saves a step on the scan's most frequent slow path.
struct AhoCorasick: Sendable {
  /// One occurrence: which term, and where it ends (exclusive) in the scanned text.
  struct Match: Hashable {
    var term: Int32
    var end: Int32
  }

  private struct State {
    var edgeStart: Int32
    var edgeCount: Int32
    /// The first (lowest-letter) edge, copied from `edges` (letter 0 when there is none).
    var firstLetter: Int32
    var firstNext: Int32
    /// The nearest state on the failure chain that has edges (or the root).
    var failure: Int32
    /// The terms that end here (own and via failure links), as a range into `outputs`.
    var outputStart: Int32
    var outputCount: Int32
    /// The first of those terms, copied from `outputs` (most states that end a term end one,
    /// so the scan rarely reads `outputs`, a cache miss saved on most steps).
    var firstOutput: Int32
  }

  /// States with more edges than this keep them in a hash table.
  private static let mostSortedEdges: Int32 = 8

  private struct Edge {
    var letter: Int32
    var next: Int32
  }

  private let letters: LetterTable
  /// The root's transitions by letter (0: stay at the root).
  private let rootNext: [Int32]
  /// On cache lines, so a 32-byte state is never split across two.
  private let states: CacheAlignedBuffer<State>
  private let edges: [Edge]
  private let outputs: [Int32]
  /// Length of each term in scalars.
  let termLengths: [Int32]
  /// The most terms that can end at one position (at least 1): bounds the matches of a text.
  let mostOutputsPerState: Int

  init(terms: [[UInt32]]) {
    var letters = LetterTable()
    // Trie with per-state dictionaries while building; packed into flat arrays at the end.
    var children: [[Int32: Int32]] = [[:]]
    var own: [[Int32]] = [[]]
    for (index, term) in terms.enumerated() where !term.isEmpty {
      var state: Int32 = 0
      for scalar in term {
        let letter = letters.insert(scalar)
        if let next = children[Int(state)][letter] {
          state = next
        } else {
          let next = Int32(children.count)
          children[Int(state)][letter] = next
          children.append([:])
          own.append([])
          state = next
        }
      }
      own[Int(state)].append(Int32(index))
    }
    // Breadth-first: failure links and merged outputs.
    let stateCount = children.count
    var failure = [Int32](repeating: 0, count: stateCount)
    var merged = own
    var queue: [Int32] = children[0].keys.sorted().compactMap { children[0][$0] }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      for letter in children[Int(state)].keys.sorted() {
        let next = children[Int(state)][letter]!
        queue.append(next)
        var fallback = failure[Int(state)]
        while fallback != 0, children[Int(fallback)][letter] == nil { fallback = failure[Int(fallback)] }
        let target = children[Int(fallback)][letter] ?? 0
        failure[Int(next)] = target == next ? 0 : target
        merged[Int(next)] += merged[Int(failure[Int(next)])]
      }
    }
    // Failure links that skip edgeless states (outputs were merged along the full links above).
    // Breadth-first order: a state's failure target, being shallower, is already resolved.
    for state in queue.map(Int.init) {
      let target = Int(failure[state])
      if target != 0, children[target].isEmpty { failure[state] = failure[target] }
    }
    var rootNext = [Int32](repeating: 0, count: letters.count + 1)
    for (letter, next) in children[0] { rootNext[Int(letter)] = next }
    var states: [State] = []
    var edges: [Edge] = []
    var outputs: [Int32] = []
    states.reserveCapacity(stateCount)
    for state in 0..<stateCount {
      let sorted = children[state].sorted { $0.key < $1.key }
      let slots = Self.edgeSlots(for: Int32(sorted.count))
      states.append(State(
        edgeStart: Int32(edges.count), edgeCount: Int32(sorted.count),
        firstLetter: sorted.first?.key ?? 0, firstNext: sorted.first?.value ?? 0, failure: failure[state],
        outputStart: Int32(outputs.count), outputCount: Int32(merged[state].count),
        firstOutput: merged[state].first ?? -1))
      if slots == sorted.count {
        edges += sorted.map { Edge(letter: $0.key, next: $0.value) }
      } else {
        var table = [Edge](repeating: Edge(letter: 0, next: 0), count: Int(slots))
        for (letter, next) in sorted {
          var slot = Self.slot(of: letter, mask: Int(slots) - 1)
          while table[slot].letter != 0 { slot = (slot + 1) & (Int(slots) - 1) }
          table[slot] = Edge(letter: letter, next: next)
        }
        edges += table
      }
      outputs += merged[state]
    }
    self.letters = letters
    self.rootNext = rootNext
    self.states = CacheAlignedBuffer(states)
    self.edges = edges
    self.outputs = outputs
    termLengths = terms.map { Int32($0.count) }
    mostOutputsPerState = max(1, merged.map(\.count).max() ?? 0)
  }

  /// Appends every occurrence of every term in `text` to `matches`, in order of end position.
  func scan(_ text: UnsafeBufferPointer<UInt32>, into matches: inout [Match]) {
    let capacity = text.count * mostOutputsPerState
    let found = [Match](unsafeUninitializedCapacity: capacity) { buffer, count in
      count = scan(text, into: buffer) ?? 0  // cannot fill: the buffer has room for the worst case
    }
    matches += found
  }

  /// Writes every occurrence of every term in `text` into `matches`, in order of end position,
  /// and returns how many; nil when `matches` fills up first (room for
  /// `text.count * mostOutputsPerState` always suffices).
  func scan(_ text: UnsafeBufferPointer<UInt32>, into matches: UnsafeMutableBufferPointer<Match>) -> Int? {
    var found = 0
    var overflowed = false
    let states = states.elements
    letters.withLookup { letterOf in
      rootNext.withUnsafeBufferPointer { rootNext in
        edges.withUnsafeBufferPointer { edges in
          outputs.withUnsafeBufferPointer { outputs in
            var state: Int32 = 0
            for position in 0..<text.count {
              let letter = letterOf(text[position])
              if letter == 0 {  // in no term: every state falls back to the root
                state = 0
                continue
              }
              while true {
                if state == 0 {
                  state = rootNext[Int(letter)]
                  break
                }
                let record = states[Int(state)]
                if let next = Self.edge(from: record, letter, edges) {
                  state = next
                  break
                }
                state = record.failure
              }
              let record = states[Int(state)]
              guard record.outputCount > 0 else { continue }
              guard found + Int(record.outputCount) <= matches.count else {
                overflowed = true
                break
              }
              matches[found] = Match(term: record.firstOutput, end: Int32(position + 1))
              found += 1
              for index in (record.outputStart + 1)..<(record.outputStart + record.outputCount) {
                matches[found] = Match(term: outputs[Int(index)], end: Int32(position + 1))
                found += 1
              }
            }
          }
        }
      }
    }
    return overflowed ? nil : found
  }

  /// The state's transition on `letter`, if it has one: the inline first edge, else a short
  /// linear scan of the sorted edges, or a probe of the state's hash table.
  @inline(__always)
  private static func edge(from state: State, _ letter: Int32, _ edges: UnsafeBufferPointer<Edge>) -> Int32? {
    if state.firstLetter == letter { return state.firstNext }
    // The first edge is the lowest letter: nothing else can match below it.
    if state.edgeCount <= 1 || state.firstLetter > letter { return nil }
    let start = Int(state.edgeStart)
    if state.edgeCount <= mostSortedEdges {
      for index in (start + 1)..<(start + Int(state.edgeCount)) {
        let edge = edges[index]
        if edge.letter == letter { return edge.next }
        if edge.letter > letter { return nil }
      }
      return nil
    }
    let mask = Int(edgeSlots(for: state.edgeCount)) - 1
    var slot = slot(of: letter, mask: mask)
    while true {  // the table is at most half full: an empty slot (letter 0) ends the probe
      let edge = edges[start + slot]
      if edge.letter == letter { return edge.next }
      if edge.letter == 0 { return nil }
      slot = (slot + 1) & mask
    }
  }

  /// Slots for a state's edges from `edgeStart`: exactly its edges when few (sorted), else a
  /// hash table at most half full.
  @inline(__always)
  private static func edgeSlots(for count: Int32) -> Int32 {
    guard count > mostSortedEdges else { return count }
    // The smallest power of two at least 2 × count (and at least 16).
    return max(16, 1 << (32 - (2 * count - 1).leadingZeroBitCount))
  }

  /// Where a letter's probe starts in a table of `mask + 1` slots (Fibonacci hashing: letters are
  /// dense small numbers, so the multiply spreads neighbours apart).
  @inline(__always)
  private static func slot(of letter: Int32, mask: Int) -> Int {
    Int((UInt32(bitPattern: letter) &* 0x9E37_79B1) >> 16) & mask
  }
}

/// Scalars to dense letter numbers (1…), 0 for scalars that occur in no term: a flat table of
/// 16-bit letters for the Basic Multilingual Plane (where all Chinese text lives; 128 KB, so the
/// lines a reply touches stay in cache), a dictionary for scalars beyond it and for letters past
/// 65,534 (a lexicon would need that many distinct characters first).
struct LetterTable: Sendable {
  private var basic = [UInt16](repeating: 0, count: 0x10000)
  private var others: [UInt32: Int32] = [:]
  private(set) var count = 0
  /// In `basic`: the letter is in `others`.
  private static let elsewhere = UInt16.max

  mutating func insert(_ scalar: UInt32) -> Int32 {
    let existing = self[scalar]
    if existing != 0 { return existing }
    count += 1
    if scalar < 0x10000, count < Int(Self.elsewhere) {
      basic[Int(scalar)] = UInt16(count)
    } else {
      if scalar < 0x10000 { basic[Int(scalar)] = Self.elsewhere }
      others[scalar] = Int32(count)
    }
    return Int32(count)
  }

  subscript(scalar: UInt32) -> Int32 {
    if scalar < 0x10000, basic[Int(scalar)] != Self.elsewhere { return Int32(basic[Int(scalar)]) }
    return others[scalar] ?? 0
  }

  /// Runs `body` with a lookup that reads the table without bounds checks or retains.
  @inline(__always)
  func withLookup<Result>(_ body: ((UInt32) -> Int32) -> Result) -> Result {
    basic.withUnsafeBufferPointer { table in
      body { scalar in
        if scalar < 0x10000 {
          let letter = table[Int(scalar)]
          if letter != Self.elsewhere { return Int32(letter) }
        }
        return others[scalar] ?? 0
      }
    }
  }
}
