/// A multi-pattern string matcher (Aho–Corasick) over Unicode scalar values: one pass over a
/// reply finds every occurrence of every lexicon term.
///
/// Written here because no maintained Swift package offers one. The automaton is the textbook
/// one (goto, failure links, merged outputs), compiled into transition tables so that a step
/// has no branch to mispredict: profiling the goto-and-failure form showed almost three
/// mispredicted branches per character (which edge, whether to follow a failure link, how
/// far), about half of the scan's time.
/// - Scalars are first mapped to *letters*, dense numbers for the few thousand scalars that
///   occur in some term (a scalar in no term is letter 0 and sends the automaton to the root),
///   the most frequent first.
/// - Most transitions lead where the root's would (the character starts a term afresh, or
///   nothing). The root's are one dense row indexed by letter; a state stores only the others.
/// - A state's stored row is its own edges plus the rows of the states on its failure chain,
///   up to the first with a long row (the single characters that start hundreds of terms):
///   that one is the state's *fallback*, consulted second. Copying long rows into every state
///   that fails to them would multiply the table by seven.
/// - Rows are packed in a *double array*: state `s` reading letter `c` looks at cell
///   `base(s) + c`, and takes it if the cell holds letter `c` (bases are unique, so only `s`'s
///   row can have put it there). A step loads the state's cell, its fallback's cell and the
///   root's entry, and picks one with conditional moves.
/// - Long replies are walked in two interleaved lanes (see the `scan` that fills a buffer).
struct AhoCorasick: Sendable {
  /// One occurrence: which term, and where it ends (exclusive) in the scanned text.
  struct Match: Hashable {
    var term: Int32
    var end: Int32
  }

  /// What a step reads about the state it is in, 16 bytes: where its row and its fallback's
  /// row start, and the terms that end there (own and via failure links): the first, and where
  /// the rest are listed in `outputs` (most states that end a term end one, so the scan rarely
  /// reads `outputs`).
  private struct State {
    var base: Int32
    var fallbackBase: Int32
    /// -1 when no term ends here.
    var firstOutput: Int32
    /// Where the other terms are in `outputs`, ended by -1; -1 when there are none.
    var moreOutputs: Int32
  }

  /// The double array's cells: a transition is `next << letterBits | letter`, taken when its
  /// letter is the one read (every row has its own base, so a cell that holds letter `c` at
  /// `base + c` can only be that row's); an empty cell is 0. Four bytes a cell when state and
  /// letter numbers fit together in 32 bits (say, under a million states and 4,000 characters;
  /// ours has 15,000 and 1,400), else eight: the cells are the automaton's largest table, and
  /// a smaller one stays in the processor's second-level cache.
  private enum Cells: Sendable {
    case narrow(CacheAlignedBuffer<UInt32>)
    case wide(CacheAlignedBuffer<UInt64>)
  }

  /// A failure state whose row has more transitions than this is not copied into the rows of
  /// the states that fail to it: they look it up as their *fallback* instead.
  private static let longestInheritedRow = 4

  private let letters: LetterTable
  /// The root's transitions by letter (0: stay at the root): every state's, unless its row has
  /// the letter.
  private let rootNext: [Int32]
  /// On cache lines, so a 16-byte state is never split across two.
  private let states: CacheAlignedBuffer<State>
  private let cells: Cells
  private let letterBits: Int
  private let outputs: [Int32]
  /// Length of each term in scalars.
  let termLengths: [Int32]
  /// The most terms that can end at one position (at least 1): bounds the matches of a text.
  let mostOutputsPerState: Int
  /// The longest term, in scalars (at least 1).
  let longestTerm: Int

  init(terms: [[UInt32]]) {
    var letters = LetterTable()
    // Letters numbered by how often their scalar occurs in the terms, most frequent first: the
    // rows of the transition table then crowd into low letters, and pack densely.
    var frequency: [UInt32: Int] = [:]
    for term in terms { for scalar in term { frequency[scalar, default: 0] += 1 } }
    for (scalar, _) in frequency.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) { _ = letters.insert(scalar) }
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
    // Each state's transitions that differ from the root's: its own edges, and its failure
    // state's row for the letters it has no edge for, unless that row is long and complete (the
    // failure state's own fallback is the root): then the failure state becomes this state's
    // fallback instead, looked up second. A state with a fallback is not complete, so no state
    // needs more than one. Breadth-first, so the failure state (shallower) is done first.
    var rows = [[(letter: Int32, next: Int32)]](repeating: [], count: stateCount)
    var fallback = [Int32](repeating: 0, count: stateCount)
    var complete = [Bool](repeating: true, count: stateCount)
    for state in queue.map(Int.init) {
      var row = children[state].map { (letter: $0.key, next: $0.value) }
      let parent = Int(failure[state])
      if parent != 0, complete[parent], rows[parent].count > Self.longestInheritedRow {
        fallback[state] = Int32(parent)
        complete[state] = false
      } else if parent != 0 {
        row += rows[parent].filter { children[state][$0.letter] == nil }
        fallback[state] = fallback[parent]
        complete[state] = complete[parent]
      }
      rows[state] = row.sorted { $0.letter < $1.letter }
    }
    let packed = DoubleArray(rows: rows.map { $0.map { $0.letter } }, letterCount: letters.count)
    let letterBits = Int.bitWidth - letters.count.leadingZeroBitCount
    let stateBits = Int.bitWidth - stateCount.leadingZeroBitCount
    var cells = [UInt64](repeating: 0, count: packed.cellCount)
    for (state, row) in rows.enumerated() {
      let base = Int(packed.bases[state])
      for (letter, next) in row { cells[base + Int(letter)] = UInt64(next) << letterBits | UInt64(letter) }
    }
    var rootNext = [Int32](repeating: 0, count: letters.count + 1)
    for (letter, next) in children[0] { rootNext[Int(letter)] = next }
    var states: [State] = []
    var outputs: [Int32] = []
    states.reserveCapacity(stateCount)
    for state in 0..<stateCount {
      var moreOutputs: Int32 = -1
      if merged[state].count > 1 {
        moreOutputs = Int32(outputs.count)
        outputs += merged[state].dropFirst() + [-1]
      }
      states.append(State(
        base: packed.bases[state], fallbackBase: packed.bases[Int(fallback[state])],
        firstOutput: merged[state].first ?? -1, moreOutputs: moreOutputs))
    }
    self.letters = letters
    self.rootNext = rootNext
    self.states = CacheAlignedBuffer(states)
    self.cells =
      letterBits + stateBits <= 32
      ? .narrow(CacheAlignedBuffer(cells.map { UInt32(truncatingIfNeeded: $0) })) : .wide(CacheAlignedBuffer(cells))
    self.letterBits = letterBits
    self.outputs = outputs
    termLengths = terms.map { Int32($0.count) }
    mostOutputsPerState = max(1, merged.map(\.count).max() ?? 0)
    longestTerm = max(1, terms.map(\.count).max() ?? 0)
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
  ///
  /// A step waits on the state record the step before chose, so one walk over the text is a
  /// chain of dependent loads. A reply long enough is walked in two *lanes* at once instead:
  /// the first half from the start, the second from a little before the middle, their steps
  /// interleaved in one loop so the processor overlaps their loads (this pays only because a
  /// step has no branch to mispredict). The second lane starts `longestTerm - 1` characters
  /// early, from the root: every term ending in the second half starts there or later, so it
  /// finds exactly those, in the same order (longest first at each place), and it records none
  /// ending in the first half. Each lane writes into its share of `matches`, in proportion to
  /// its length; the second lane's matches are then moved up behind the first's.
  func scan(_ text: UnsafeBufferPointer<UInt32>, into matches: UnsafeMutableBufferPointer<Match>) -> Int? {
    switch cells {
    case .narrow(let cells): scan(text, into: matches, cells: cells.elements)
    case .wide(let cells): scan(text, into: matches, cells: cells.elements)
    }
  }

  @inline(__always)
  private func scan<Cell: FixedWidthInteger & UnsignedInteger>(
    _ text: UnsafeBufferPointer<UInt32>, into matches: UnsafeMutableBufferPointer<Match>, cells: UnsafeBufferPointer<Cell>
  ) -> Int? {
    let count = text.count
    let warmUp = longestTerm - 1
    let twoLanes = count >= Self.shortestTwoLaneText && count > 4 * warmUp
    let middle = twoLanes ? count / 2 : count
    let split = twoLanes ? matches.count / count * middle + (matches.count % count) * middle / count : matches.count
    let secondStart = middle - warmUp
    let states = states.elements
    let letterBits = Cell(letterBits)
    let letterMask: Cell = (1 &<< letterBits) &- 1
    return letters.withLookup { letterOf in
      rootNext.withUnsafeBufferPointer { rootNext in
        outputs.withUnsafeBufferPointer { outputs -> Int? in
          /// The state after `state` reads the scalar at `position`. Every letter is below the
          /// cell count past any base, and letter 0 (no term) is in no row: the look-ups need
          /// no bounds check, and the root's row sends it home. All three candidates are
          /// loaded and one is chosen without a branch.
          @inline(__always)
          func step(_ state: State, _ position: Int) -> State {
            let letter = Int(letterOf(text[position]))
            let check = Cell(truncatingIfNeeded: letter)
            let cell = cells[Int(state.base) &+ letter]
            let inherited = cells[Int(state.fallbackBase) &+ letter]
            let fromFallback = inherited & letterMask == check ? Int(inherited &>> letterBits) : Int(rootNext[letter])
            return states[cell & letterMask == check ? Int(cell &>> letterBits) : fromFallback]
          }
          /// Records the terms that end in `state` at `position`, from `found` up to `limit`;
          /// false when they do not fit.
          @inline(__always)
          func record(_ state: State, at position: Int, _ found: inout Int, limit: Int) -> Bool {
            let end = Int32(position + 1)
            guard found < limit else { return false }
            matches[found] = Match(term: state.firstOutput, end: end)
            found += 1
            guard state.moreOutputs >= 0 else { return true }
            var index = Int(state.moreOutputs)
            while outputs[index] >= 0 {
              guard found < limit else { return false }
              matches[found] = Match(term: outputs[index], end: end)
              found += 1
              index += 1
            }
            return true
          }
          var first = states[0]
          var firstFound = 0
          guard twoLanes else {
            for position in 0..<count {
              first = step(first, position)
              if first.firstOutput >= 0, !record(first, at: position, &firstFound, limit: split) { return nil }
            }
            return firstFound
          }
          var second = states[0]
          var secondFound = split
          // The second lane is the longer (its warm-up): it pairs its first steps with the
          // first lane's and finishes alone.
          for position in 0..<middle {
            let other = position + secondStart
            first = step(first, position)
            second = step(second, other)
            if first.firstOutput >= 0, !record(first, at: position, &firstFound, limit: split) { return nil }
            if second.firstOutput >= 0, other >= middle,
              !record(second, at: other, &secondFound, limit: matches.count)
            {
              return nil
            }
          }
          for position in (middle + secondStart)..<count {
            second = step(second, position)
            if second.firstOutput >= 0, !record(second, at: position, &secondFound, limit: matches.count) { return nil }
          }
          // Close the gap; the destination is before the source, so a forward copy is safe.
          for index in split..<secondFound { matches[firstFound + index - split] = matches[index] }
          return firstFound + secondFound - split
        }
      }
    }
  }

  /// Texts shorter than this are walked in one lane: the second lane's warm-up would cost more
  /// than the overlap saves.
  static let shortestTwoLaneText = 48
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
