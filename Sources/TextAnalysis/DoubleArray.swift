/// Rows of letters packed into one array so that no two rows claim the same cell: row `r`'s
/// letter `c` is cell `bases[r] + c` (the classic double-array layout of a trie). The cue
/// automaton's transition tables and the red-line model's n-gram trie are laid out with it, so
/// that a look-up is two loads and a compare, with no probing to mispredict.
///
/// Written here because no maintained Swift package offers one.
///
/// First fit, largest rows first (they are the hardest to place, and the small ones fill their
/// gaps). Every non-empty row has its own base, so a cell can name its row by base; empty rows
/// share one base whose cells are all free. Bases are never negative and the array runs
/// `letterCount` cells past the last base, so `base + c` is a valid cell for every letter `c` of
/// the alphabet, in a row or not.
public struct DoubleArray: Sendable {
  public let bases: [Int32]
  public let cellCount: Int

  public init(rows: [[Int32]], letterCount: Int) {
    let total = rows.reduce(0) { $0 + $1.count }
    // `free.next(from:)` finds the first free cell at or after a place, skipping taken runs.
    var free = FreeCells(count: total + letterCount + 1)
    var usedBases: [Bool] = []
    var found = [Int](repeating: -1, count: rows.count)
    var highestTaken = 0
    var lastBaseBySize: [Int: Int] = [:]
    let order = rows.indices.filter { !rows[$0].isEmpty }.sorted {
      (rows[$0].count, $1) > (rows[$1].count, $0)  // larger first, then by index: deterministic
    }
    for index in order {
      let row = rows[index]  // sorted, letters ≥ 1
      let lowest = Int(row[0])
      /// Whether the row fits with its lowest letter at `place`.
      func fits(_ place: Int) -> Bool {
        let base = place - lowest
        return (base >= usedBases.count || !usedBases[base]) && row.allSatisfy { free.isFree(base + Int($0)) }
      }
      // Rows of one size fit about as hard as each other: search from where the last one fit,
      // not through the crowded cells before it. A long row rarely fits among the many small
      // gaps of the packed front: after a bounded number of tries its base goes past every
      // taken cell, where its cells are free and no other row has that base.
      var place = free.next(from: lowest + lastBaseBySize[row.count, default: 0])
      var tries = 1
      while !fits(place) {
        guard tries < Self.mostTries else {
          place = highestTaken + 1 + lowest
          break
        }
        place = free.next(from: place + 1)
        tries += 1
      }
      let base = place - lowest
      for letter in row { free.take(base + Int(letter)) }
      if base >= usedBases.count { usedBases += [Bool](repeating: false, count: base + 1 - usedBases.count + 1024) }
      usedBases[base] = true
      found[index] = base
      lastBaseBySize[row.count] = base
      highestTaken = max(highestTaken, base + Int(row[row.count - 1]))
    }
    // Past every taken cell: its cells are all free, and no row has it.
    let emptyBase = highestTaken + 1
    bases = found.map { Int32($0 < 0 ? emptyBase : $0) }
    cellCount = emptyBase + letterCount + 1
  }

  /// Free cells tried for one row before it is placed past all the others.
  private static let mostTries = 4096

  /// Which cells are taken, with a disjoint-set forest that leads from a taken cell to the next
  /// free one, so first fit skips runs of taken cells in near-constant time. Grows on demand.
  private struct FreeCells {
    private var nextFree: [Int]

    init(count: Int) { nextFree = Array(0..<max(1, count)) }

    func isFree(_ cell: Int) -> Bool { cell >= nextFree.count || nextFree[cell] == cell }

    mutating func next(from cell: Int) -> Int {
      grow(to: cell)
      var root = cell
      while nextFree[root] != root {
        root = nextFree[root]
        grow(to: root)
      }
      var walk = cell
      while walk != root {  // path compression
        let up = nextFree[walk]
        nextFree[walk] = root
        walk = up
      }
      return root
    }

    mutating func take(_ cell: Int) {
      grow(to: cell + 1)
      nextFree[cell] = cell + 1
    }

    private mutating func grow(to cell: Int) {
      if cell >= nextFree.count { nextFree += Array(nextFree.count...(cell + nextFree.count)) }
    }
  }
}
