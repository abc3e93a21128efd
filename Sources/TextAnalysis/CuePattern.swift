/// A cue pattern: one or more literal terms that must appear in order, each within a bounded
/// gap of the previous one ("理解…心情" = 理解, then 心情 at most 8 characters later).
///
/// A term written `@name` stands for any word of the lexicon's word class `name`
/// ("@third-party…{6}@money-move" = 他/她/收款人…, then 取了/转走…), so one pattern covers what
/// would otherwise be dozens of word-by-word combinations.
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

  /// The word class a term names (`@third-party` → `third-party`), or nil for a literal term.
  public static func wordClass(in term: String) -> String? {
    guard term.hasPrefix("@") else { return nil }
    return String(term.dropFirst())
  }

  /// The word classes the pattern uses, with each one's scalar offset in `source`.
  public var wordClassReferences: [(name: String, offset: Int)] {
    let scalars = Array(source.unicodeScalars)
    return terms.compactMap(Self.wordClass).map { name in
      let needle = Array(("@" + name).unicodeScalars)
      let offset = (0...max(0, scalars.count - needle.count)).first {
        Array(scalars[$0..<min(scalars.count, $0 + needle.count)]) == needle
      } ?? 0
      return (name, offset)
    }
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
      if let name = wordClass(in: term), !isWordClassName(name) {
        throw CuePatternError(
          offset: offset,
          problem: "'\(term)' is not a word class reference: after '@' write the class id (lower-case letters, digits and '-')")
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

/// Word class ids follow the id grammar of the content files: lower-case ASCII letters and
/// digits, with single hyphens inside.
func isWordClassName(_ name: String) -> Bool {
  let scalars = Array(name.unicodeScalars)
  guard let first = scalars.first, let last = scalars.last, first != "-", last != "-" else { return false }
  return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
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
