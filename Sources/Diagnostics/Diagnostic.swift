/// How bad a diagnostic is. Errors block loading; warnings (lint) do not.
public enum Severity: String, Sendable, Codable, Hashable {
  case error
  case warning
}

/// One problem found in content, pointing at the exact place and saying how to fix it.
///
/// Diagnostics are values, never thrown: the compiler collects all of them (STYLE G4) and the
/// CLI renders them (``DiagnosticRenderer``).
public struct Diagnostic: Hashable, Sendable, Codable {
  public var code: DiagnosticCode
  public var severity: Severity
  public var location: SourceLocation
  /// The message, without location, severity or code.
  public var message: String
  /// How long the underlined token is, in Unicode scalars (at least 1).
  public var length: Int
  /// A short hint shown after the caret, e.g. "did you mean 'escalate'?".
  public var hint: String?

  public init(
    _ code: DiagnosticCode, at location: SourceLocation, message: String, length: Int = 1,
    hint: String? = nil, severity: Severity? = nil
  ) {
    self.code = code
    self.severity = severity ?? code.descriptor.severity
    self.location = location
    self.message = message
    self.length = max(1, length)
    self.hint = hint
  }

  /// The one-line form `path:line:col: error: message [CODE]` of the diagnostics contract.
  public var headline: String {
    "\(location): \(severity.rawValue): \(message) [\(code.rawValue)]"
  }
}

extension Array where Element == Diagnostic {
  /// True when at least one diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Sorted by file, line, column, then code: the order users read them in.
  public func sortedForDisplay() -> [Diagnostic] {
    sorted { ($0.location, $0.code.rawValue, $0.message) < ($1.location, $1.code.rawValue, $1.message) }
  }
}
