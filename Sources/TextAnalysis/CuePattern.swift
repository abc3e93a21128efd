/// A cue pattern: one or more literal terms that must appear in order, each within a bounded
/// gap of the previous one ("理解…心情" = 理解, then 心情 at most 8 characters later).
///
/// Patterns are written by trainers in the cue lexicon; this type is their parsed form. The
/// syntax is deliberately tiny (no regular expressions) so every hit can be explained as
/// "these words, in this order".
public struct CuePattern: Hashable, Sendable, Codable {
  /// The literal terms, in the order they must appear.
  public var terms: [String]
  /// `gaps[i]` is the most characters allowed between `terms[i]` and `terms[i + 1]`.
  public var gaps: [Int]
  /// The pattern as the trainer wrote it, for explanations.
  public var source: String

  /// The gap used when `…` has no `{N}`.
  public static let defaultGap = 8
  /// The largest gap a pattern may ask for.
  public static let maximumGap = 200

  public init(terms: [String], gaps: [Int], source: String) {
    self.terms = terms
    self.gaps = gaps
    self.source = source
  }

  /// Parses the pattern syntax: terms separated by `…` or `...`, optionally followed by `{N}`.
  ///
  /// - Throws: ``CuePatternError`` with the scalar offset of the problem.
  public static func parse(_ source: String) throws(CuePatternError) -> CuePattern {
    let scalars = Array(source.unicodeScalars)
    var terms: [String] = []
    var gaps: [Int] = []
    var current = String.UnicodeScalarView()
    var termStart = 0
    var index = 0

    func finishTerm(at offset: Int) throws(CuePatternError) {
      let term = String(current).trimmingWhitespace()
      guard !term.isEmpty else {
        throw CuePatternError(offset: offset, problem: "empty term before or after '…'")
      }
      terms.append(term)
      current = String.UnicodeScalarView()
    }

    while index < scalars.count {
      let scalar = scalars[index]
      let isEllipsis = scalar == "…"
      let isDots =
        scalar == "." && index + 2 < scalars.count && scalars[index + 1] == "."
        && scalars[index + 2] == "."
      guard isEllipsis || isDots else {
        current.append(scalar)
        index += 1
        continue
      }
      try finishTerm(at: termStart)
      index += isEllipsis ? 1 : 3
      var gap = defaultGap
      if index < scalars.count, scalars[index] == "{" {
        let open = index
        guard let close = scalars[open...].firstIndex(of: "}") else {
          throw CuePatternError(offset: open, problem: "'{' without a closing '}'")
        }
        let digits = String(String.UnicodeScalarView(scalars[(open + 1)..<close]))
        guard let number = Int(digits), (0...maximumGap).contains(number) else {
          throw CuePatternError(
            offset: open + 1,
            problem: "gap '{\(digits)}' must be a whole number from 0 to \(maximumGap)")
        }
        gap = number
        index = close + 1
      }
      gaps.append(gap)
      termStart = index
    }
    try finishTerm(at: termStart)
    return CuePattern(terms: terms, gaps: gaps, source: source)
  }
}

/// Why a cue pattern could not be parsed, and where (in Unicode scalars from the start).
public struct CuePatternError: Error, Hashable, Sendable {
  public var offset: Int
  public var problem: String

  public init(offset: Int, problem: String) {
    self.offset = offset
    self.problem = problem
  }
}

extension String {
  /// The string without leading and trailing spaces (ASCII and ideographic).
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
