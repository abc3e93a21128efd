/// A position in a content file, as a trainer's editor shows it.
///
/// Lines and columns start at 1; columns count Unicode scalars, as libyaml (and so Yams) does,
/// which is also what editors that speak the language-server protocol expect for CJK text.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  /// The file path as given by the user (kept relative when it was relative).
  public var file: String
  /// Line number, starting from 1.
  public var line: Int
  /// Column number, starting from 1, in Unicode scalars.
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = max(1, line)
    self.column = max(1, column)
  }

  /// The location of a whole file, used for problems that have no better position.
  public static func file(_ path: String) -> SourceLocation {
    SourceLocation(file: path, line: 1, column: 1)
  }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}
