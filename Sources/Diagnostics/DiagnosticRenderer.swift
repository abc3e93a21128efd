import Foundation

/// Turns diagnostics into the text that trainers read: the compiler layout
/// `path:line:col: severity: message [CODE]`, the source line, and a caret under the token.
///
/// ```
/// scenarios/refund.yaml:5:9: error: unknown state 'escalte' [CS0203]
///   5 |   - to: escalte
///     |         ^~~~~~~ did you mean 'escalate'?
/// ```
public struct DiagnosticRenderer: Sendable {
  /// Whether to add ANSI colours (only for a terminal, and never when NO_COLOR is set).
  public var colored: Bool
  /// Returns the text of a file, or nil when it is not available (the snippet is then omitted).
  public var source: @Sendable (String) -> String?

  public init(colored: Bool = false, source: @escaping @Sendable (String) -> String?) {
    self.colored = colored
    self.source = source
  }

  /// Renders one diagnostic: headline, then snippet and caret when the line is known.
  public func render(_ diagnostic: Diagnostic) -> String {
    var headline = diagnostic.headline
    if colored {
      let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
      let label = diagnostic.severity.rawValue
      headline = "\u{1B}[1m\(diagnostic.location):\u{1B}[0m \(colour)\(label):\u{1B}[0m "
        + "\u{1B}[1m\(diagnostic.message)\u{1B}[0m [\(diagnostic.code.rawValue)]"
    }
    guard let line = sourceLine(diagnostic.location) else {
      return headline + (diagnostic.hint.map { "\n  = \($0)" } ?? "")
    }
    let number = String(diagnostic.location.line)
    let gutter = String(repeating: " ", count: number.count)
    let scalars = Array(line.unicodeScalars)
    let start = min(diagnostic.location.column - 1, scalars.count)
    let prefixWidth = scalars[..<start].reduce(0) { $0 + DisplayWidth.of($1) }
    let underlined = scalars[start..<min(scalars.count, start + diagnostic.length)]
    let underlineWidth = max(1, underlined.reduce(0) { $0 + DisplayWidth.of($1) })
    var caret = "^" + String(repeating: "~", count: underlineWidth - 1)
    if colored { caret = "\u{1B}[1;32m\(caret)\u{1B}[0m" }
    let hint = diagnostic.hint.map { " " + $0 } ?? ""
    let indent = String(repeating: " ", count: prefixWidth)
    return [
      headline,
      "  \(number) | \(line)",
      "  \(gutter) | \(indent)\(caret)\(hint)",
    ].joined(separator: "\n")
  }

  /// Renders all diagnostics, one block each, in display order.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.sortedForDisplay().map(render).joined(separator: "\n")
  }

  private func sourceLine(_ location: SourceLocation) -> String? {
    guard let text = source(location.file) else { return nil }
    var lineNumber = 1
    var found: Substring?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if lineNumber == location.line {
        found = line
        break
      }
      lineNumber += 1
    }
    guard var line = found.map(String.init) else { return nil }
    if line.hasSuffix("\r") { line.removeLast() }
    // Keep snippets readable for huge single-line files: cut around the column.
    if line.unicodeScalars.count > 200 { return nil }
    return line.replacingOccurrences(of: "\t", with: " ")
  }
}

/// Machine-readable diagnostics for `--format json`.
public struct DiagnosticJSON: Codable, Sendable, Equatable {
  public var file: String
  public var line: Int
  public var column: Int
  public var severity: Severity
  public var code: String
  public var message: String
  public var hint: String?
  public var length: Int

  public init(_ diagnostic: Diagnostic) {
    file = diagnostic.location.file
    line = diagnostic.location.line
    column = diagnostic.location.column
    severity = diagnostic.severity
    code = diagnostic.code.rawValue
    message = diagnostic.message
    hint = diagnostic.hint
    length = diagnostic.length
  }
}

/// Terminal column width of characters: East Asian wide and full-width characters take two
/// columns, so a caret under Chinese text must be shifted by two per character.
public enum DisplayWidth {
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x1100 { return v == 0 ? 0 : 1 }
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return 2
    default:
      return 1
    }
  }

  /// Width of a whole string in terminal columns.
  public static func of(_ string: some StringProtocol) -> Int {
    string.unicodeScalars.reduce(0) { $0 + of($1) }
  }
}
