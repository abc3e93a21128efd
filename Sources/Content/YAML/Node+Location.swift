import Diagnostics
import Yams

extension Node {
  /// The node's position as a ``SourceLocation`` in `file` (1-based, as Yams marks are).
  func location(in file: String) -> SourceLocation {
    guard let mark else { return .file(file) }
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  /// "a list", "a mapping", "text 'abc'": what was found, for "expected X, found Y".
  var kindDescription: String {
    switch self {
    case .scalar(let scalar):
      if null != nil && !isQuoted { return "nothing (an empty value)" }
      let text = scalar.string
      let shown = text.count > 30 ? String(text.prefix(30)) + "…" : text
      return "'\(shown)'"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .alias: return "an alias"
    }
  }

  /// True for quoted scalars ("", '…'), which are always text.
  var isQuoted: Bool {
    guard case .scalar(let scalar) = self else { return false }
    return scalar.style == .singleQuoted || scalar.style == .doubleQuoted
  }

  /// An unquoted whole number.
  var plainInt: Int? { isQuoted ? nil : int }

  /// An unquoted number (whole or decimal).
  var plainNumber: Double? {
    guard !isQuoted else { return nil }
    return int.map(Double.init) ?? float
  }

  /// An unquoted `true`/`false`.
  var plainBool: Bool? { isQuoted ? nil : bool }
}
