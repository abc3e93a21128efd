import Diagnostics

/// One validation rule over all decoded content (STYLE G4): it reports problems, never throws.
protocol ContentValidator: Sendable {
  func validate(_ context: ValidationContext) -> [Diagnostic]
}

/// Decoded content plus the indexes validators share: which ids exist, and helpers to point
/// diagnostics at tokens.
struct ValidationContext: Sendable {
  let sources: SourceSet
  let texts: [String: String]
  let cueIDs: Set<String>
  let personaIDs: Set<String>
  let rubricIDs: Set<String>
  let scenarioIDs: Set<String>
  let moduleIDs: Set<String>
  let bankIDs: Set<String>
  /// Each file's lines, split once: diagnostics look lines up, and a file with many problems
  /// must not be split again for each one.
  private let lines: [String: [Substring]]

  init(sources: SourceSet, texts: [String: String]) {
    self.sources = sources
    self.texts = texts
    lines = texts.mapValues { $0.split(separator: "\n", omittingEmptySubsequences: false) }
    cueIDs = Set(sources.cueLexicons.flatMap { $0.source.cues.map(\.id.value) })
      .union(sources.brokenIDs[.cueLexicon] ?? [])
    personaIDs = sources.ids(of: .persona, sources.personas.map(\.source.id.value))
    rubricIDs = sources.ids(of: .rubric, sources.rubrics.map(\.source.id.value))
    scenarioIDs = sources.ids(of: .scenario, sources.scenarios.map(\.source.id.value))
    moduleIDs = sources.ids(of: .module, sources.modules.map(\.source.id.value))
    bankIDs = sources.ids(of: .questionBank, sources.questionBanks.map(\.source.id.value))
  }

  /// The validators, in the order their findings are most useful.
  static let validators: [any ContentValidator] = [
    DuplicateIDValidator(),
    CueLexiconValidator(),
    RubricValidator(),
    PersonaValidator(),
    ScenarioValidator(),
    CurriculumValidator(),
    ReachabilityLinter(),
    UsageLinter(),
  ]

  func validate() -> [Diagnostic] {
    Self.validators.flatMap { $0.validate(self) }
  }

  func persona(_ id: String) -> PersonaSource? {
    sources.personas.first { $0.source.id.value == id }?.source
  }

  func rubric(_ id: String) -> RubricSource? {
    sources.rubrics.first { $0.source.id.value == id }?.source
  }

  /// A diagnostic pointing at a located token, shifted past an opening quote.
  func diagnostic(
    _ code: DiagnosticCode, _ token: Located<String>, in path: String, _ message: String,
    hint: String? = nil, offset: Int = 0, length: Int? = nil
  ) -> Diagnostic {
    var location = token.location(in: path)
    location.column += offset + quoteWidth(at: location)
    return Diagnostic(code, at: location, message: message, length: length ?? token.length, hint: hint)
  }

  /// "unknown cue 'x'" with a did-you-mean over the known ids.
  func unknown(
    _ code: DiagnosticCode, _ what: String, _ token: Located<String>, in path: String, known: some Collection<String>
  ) -> Diagnostic {
    let hint = Suggestion.hint(for: token.value, in: known)
      ?? (known.isEmpty ? "no \(what) is defined" : nil)
    return diagnostic(code, token, in: path, "unknown \(what) '\(token.value)'", hint: hint)
  }

  /// The position of a mapping key, found in the source before its value: dictionary keys
  /// (mood variables, dimension ids) carry no position of their own after decoding.
  func keyLocation<Value>(
    _ key: String, before value: Located<Value>, in path: String, fallback: Located<String>
  ) -> Located<String> {
    let keyScalars = Array((key + ":").unicodeScalars)
    for lineNumber in stride(from: value.line, through: max(1, value.line - 2), by: -1) {
      guard let line = sourceLine(path, lineNumber) else { break }
      let scalars = Array(line.unicodeScalars)
      let end = lineNumber == value.line ? min(value.column - 1, scalars.count) : scalars.count
      var index = end - keyScalars.count
      while index >= 0 {
        if Array(scalars[index..<(index + keyScalars.count)]) == keyScalars {
          return Located(key, line: lineNumber, column: index + 1)
        }
        index -= 1
      }
    }
    return fallback
  }

  /// The text of one line of a file (1-based), if the file was read.
  func sourceLine(_ path: String, _ number: Int) -> Substring? {
    guard let fileLines = lines[path], number >= 1, number <= fileLines.count else { return nil }
    return fileLines[number - 1]
  }

  /// 1 when the scalar at `location` starts with a quote, so offsets into its text line up.
  private func quoteWidth(at location: SourceLocation) -> Int {
    guard let line = sourceLine(location.file, location.line) else { return 0 }
    let scalars = Array(line.unicodeScalars)
    guard location.column - 1 < scalars.count else { return 0 }
    let first = scalars[location.column - 1]
    return first == "\"" || first == "'" ? 1 : 0
  }
}
