/// "Did you mean …?" suggestions, by edit distance, as argument-parser does for options.
public enum Suggestion {
  /// The candidate closest to `word`, if it is close enough to be a plausible typo.
  ///
  /// Close enough means an edit distance of at most a third of the word's length (at least 1),
  /// or that one contains the other.
  public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let word = word.lowercased()
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let lower = candidate.lowercased()
      var distance = editDistance(Array(word.unicodeScalars), Array(lower.unicodeScalars))
      if distance > 0, !word.isEmpty, lower.contains(word) || word.contains(lower) {
        distance = min(distance, 1)
      }
      if let current = best,
        distance > current.distance || (distance == current.distance && candidate >= current.candidate)
      {
        continue
      }
      best = (candidate, distance)
    }
    guard let best else { return nil }
    let allowed = max(1, word.unicodeScalars.count / 3)
    return best.distance <= allowed ? best.candidate : nil
  }

  /// The hint text for a suggestion, or nil.
  public static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
    closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
  }

  /// Levenshtein distance over Unicode scalars.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
