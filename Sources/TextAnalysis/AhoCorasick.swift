/// A multi-pattern string matcher (Aho–Corasick) over Unicode scalar values: one pass over a
/// reply finds every occurrence of every lexicon term.
///
/// Written here because no maintained Swift package offers one; the structure is the textbook
/// automaton (goto, failure links, merged outputs) stored in flat arrays, with transitions in
/// an open-addressing table keyed by (state, scalar) so a step costs one or two probes.
struct AhoCorasick: Sendable {
  /// One occurrence: which term, and where it ends (exclusive) in the scanned text.
  struct Match: Hashable {
    var term: Int32
    var end: Int32
  }

  private var transitions: TransitionTable
  private var failure: [Int32]
  /// For each state, the terms that end there (own and via failure links), as a range into `outputs`.
  private var outputStart: [Int32]
  private var outputCount: [Int32]
  private var outputs: [Int32]
  /// Scalars that start some term: any other scalar at the root state is skipped at once.
  private var firstScalars: ScalarSet
  /// Length of each term in scalars.
  let termLengths: [Int32]

  init(terms: [[UInt32]]) {
    var transitions = TransitionTable(capacity: max(16, terms.reduce(0) { $0 + $1.count } * 2))
    var own: [[Int32]] = [[]]
    var firstScalars = ScalarSet()
    var stateCount: Int32 = 1
    for (index, term) in terms.enumerated() where !term.isEmpty {
      firstScalars.insert(term[0])
      var state: Int32 = 0
      for scalar in term {
        if let next = transitions.get(state, scalar) {
          state = next
        } else {
          transitions.set(state, scalar, stateCount)
          state = stateCount
          stateCount += 1
          own.append([])
        }
      }
      own[Int(state)].append(Int32(index))
    }
    // Breadth-first: failure links and merged outputs.
    var failure = [Int32](repeating: 0, count: Int(stateCount))
    var merged = own
    var queue: [Int32] = []
    var children = [[(UInt32, Int32)]](repeating: [], count: Int(stateCount))
    transitions.forEach { state, scalar, next in children[Int(state)].append((scalar, next)) }
    for (_, next) in children[0] { queue.append(next) }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      for (scalar, next) in children[Int(state)] {
        queue.append(next)
        var fallback = failure[Int(state)]
        while fallback != 0, transitions.get(fallback, scalar) == nil { fallback = failure[Int(fallback)] }
        let target = transitions.get(fallback, scalar) ?? 0
        failure[Int(next)] = target == next ? 0 : target
        merged[Int(next)] += merged[Int(failure[Int(next)])]
      }
    }
    var outputStart: [Int32] = []
    var outputCount: [Int32] = []
    var outputs: [Int32] = []
    for list in merged {
      outputStart.append(Int32(outputs.count))
      outputCount.append(Int32(list.count))
      outputs += list
    }
    self.transitions = transitions
    self.failure = failure
    self.outputStart = outputStart
    self.outputCount = outputCount
    self.outputs = outputs
    self.firstScalars = firstScalars
    self.termLengths = terms.map { Int32($0.count) }
  }

  /// Calls `found` for every occurrence of every term in `text`, in order of end position.
  func scan(_ text: [UInt32], _ found: (Match) -> Void) {
    var state: Int32 = 0
    for (position, scalar) in text.enumerated() {
      if state == 0, !firstScalars.contains(scalar) { continue }
      while true {
        if let next = transitions.get(state, scalar) {
          state = next
          break
        }
        if state == 0 { break }
        state = failure[Int(state)]
      }
      let count = outputCount[Int(state)]
      if count > 0 {
        let start = Int(outputStart[Int(state)])
        for index in start..<(start + Int(count)) {
          found(Match(term: outputs[index], end: Int32(position + 1)))
        }
      }
    }
  }
}

/// Open-addressing hash table from (state, scalar) to the next state.
struct TransitionTable: Sendable {
  private var keys: [UInt64]
  private var values: [Int32]
  private var mask: Int
  private var count = 0
  private static let empty = UInt64.max

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: Self.empty, count: size)
    values = [Int32](repeating: 0, count: size)
    mask = size - 1
  }

  @inline(__always)
  private static func key(_ state: Int32, _ scalar: UInt32) -> UInt64 {
    UInt64(UInt32(bitPattern: state)) << 32 | UInt64(scalar)
  }

  @inline(__always)
  private func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
  }

  @inline(__always)
  func get(_ state: Int32, _ scalar: UInt32) -> Int32? {
    let key = Self.key(state, scalar)
    var index = slot(key)
    while true {
      let stored = keys[index]
      if stored == key { return values[index] }
      if stored == Self.empty { return nil }
      index = (index + 1) & mask
    }
  }

  mutating func set(_ state: Int32, _ scalar: UInt32, _ next: Int32) {
    if (count + 1) * 2 > keys.count { grow() }
    let key = Self.key(state, scalar)
    var index = slot(key)
    while keys[index] != Self.empty, keys[index] != key { index = (index + 1) & mask }
    if keys[index] == Self.empty { count += 1 }
    keys[index] = key
    values[index] = next
  }

  func forEach(_ body: (Int32, UInt32, Int32) -> Void) {
    for (index, key) in keys.enumerated() where key != Self.empty {
      body(Int32(truncatingIfNeeded: key >> 32), UInt32(truncatingIfNeeded: key), values[index])
    }
  }

  private mutating func grow() {
    let old = (keys, values)
    keys = [UInt64](repeating: Self.empty, count: old.0.count * 2)
    values = [Int32](repeating: 0, count: old.0.count * 2)
    mask = keys.count - 1
    count = 0
    for (index, key) in old.0.enumerated() where key != Self.empty {
      set(Int32(truncatingIfNeeded: key >> 32), UInt32(truncatingIfNeeded: key), old.1[index])
    }
  }
}

/// A set of scalars: a bitmap for the Basic Multilingual Plane, a sorted list beyond it.
struct ScalarSet: Sendable {
  private var bits = [UInt64](repeating: 0, count: 1024)
  private var others: Set<UInt32> = []

  mutating func insert(_ value: UInt32) {
    if value < 0x10000 { bits[Int(value >> 6)] |= 1 << UInt64(value & 63) } else { others.insert(value) }
  }

  @inline(__always)
  func contains(_ value: UInt32) -> Bool {
    value < 0x10000 ? bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 : others.contains(value)
  }
}
