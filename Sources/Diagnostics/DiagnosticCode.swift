/// Every diagnostic the content compiler can emit, with its documented template.
///
/// This table is the single source of codes and message templates (STYLE G5): each code has a
/// page `docs/diagnostics/CODE-slug.md` with an example, and a test runs every example.
public enum DiagnosticCode: String, CaseIterable, Sendable, Codable, Hashable {
  // Reading files (CS00xx)
  case unreadableFile = "CS0001"
  case notAFile = "CS0002"
  case fileTooLarge = "CS0003"
  case invalidUTF8 = "CS0004"
  case yamlSyntax = "CS0005"
  case nestingTooDeep = "CS0006"
  case aliasExpansionLimit = "CS0007"
  case duplicateKey = "CS0008"
  case emptyFile = "CS0009"
  case noContentFiles = "CS0010"

  // Structure of one file (CS01xx)
  case missingKind = "CS0101"
  case unknownKind = "CS0102"
  case unsupportedSchemaVersion = "CS0103"
  case unknownKey = "CS0104"
  case missingKey = "CS0105"
  case wrongType = "CS0106"
  case invalidValue = "CS0107"
  case valueOutOfRange = "CS0108"
  case invalidId = "CS0109"
  case emptyList = "CS0110"

  // Identity and references (CS02xx)
  case duplicateId = "CS0201"
  case unknownCue = "CS0202"
  case unknownState = "CS0203"
  case unknownEnding = "CS0204"
  case unknownPersona = "CS0205"
  case unknownRubric = "CS0206"
  case unknownModule = "CS0207"
  case unknownQuestionBank = "CS0208"
  case unknownScenario = "CS0209"
  case unknownMoodVariable = "CS0210"
  case unknownRubricItem = "CS0211"
  case unknownSpeaker = "CS0212"
  case unknownOption = "CS0213"
  case unknownWordClass = "CS0214"

  // Meaning (CS03xx)
  case invalidCondition = "CS0301"
  case invalidCuePattern = "CS0302"
  case conflictingKeys = "CS0303"
  case archetypeMismatch = "CS0304"
  case speakersOutsideGroup = "CS0305"
  case groupNeedsSpeakers = "CS0306"
  case unsatisfiableDraw = "CS0307"
  case invalidAnswer = "CS0308"
  case moodStartOutOfBounds = "CS0310"

  // Lint (CS04xx, warnings)
  case unreachableState = "CS0401"
  case unreachableEnding = "CS0402"
  case unusedCue = "CS0403"
  case untriggerableCriterion = "CS0404"
  case deadEndState = "CS0405"
  case unexpectedFolder = "CS0406"
  case unusedWordClass = "CS0407"

  /// The documented descriptor of this code.
  public var descriptor: DiagnosticDescriptor {
    switch self {
    case .unreadableFile: .init("unreadable-file", .error, "cannot read '{path}': {reason}")
    case .notAFile: .init("not-a-file", .error, "'{path}' is a directory, expected a YAML file")
    case .fileTooLarge:
      .init("file-too-large", .error, "file is {size}, over the {limit} limit for content files")
    case .invalidUTF8:
      .init("invalid-utf8", .error, "file is not valid UTF-8 (invalid byte {byte} at offset {offset})")
    case .yamlSyntax: .init("yaml-syntax", .error, "YAML syntax error: {problem}")
    case .nestingTooDeep:
      .init("nesting-too-deep", .error, "YAML nesting deeper than the limit of {limit} levels")
    case .aliasExpansionLimit:
      .init(
        "alias-expansion-limit", .error,
        "YAML aliases expand to more than {limit} nodes (an alias bomb?)")
    case .duplicateKey: .init("duplicate-key", .error, "duplicate key '{key}'")
    case .emptyFile: .init("empty-file", .error, "file is empty; expected a mapping with 'kind'")
    case .noContentFiles:
      .init("no-content-files", .error, "no .yaml or .yml files found in '{path}'")
    case .missingKind:
      .init("missing-kind", .error, "missing 'kind'; expected one of {kinds}")
    case .unknownKind: .init("unknown-kind", .error, "unknown kind '{kind}'")
    case .unsupportedSchemaVersion:
      .init("unsupported-schema-version", .error, "unsupported schemaVersion {version}; this build reads schemaVersion {supported}")
    case .unknownKey: .init("unknown-key", .error, "unknown key '{key}' in {context}")
    case .missingKey: .init("missing-key", .error, "missing required key '{key}' in {context}")
    case .wrongType: .init("wrong-type", .error, "expected {expected}, found {found}")
    case .invalidValue: .init("invalid-value", .error, "'{value}' is not one of {allowed}")
    case .valueOutOfRange: .init("value-out-of-range", .error, "'{key}' is {value}, {below the minimum|above the maximum} {limit}")
    case .invalidId: .init("invalid-id", .error, "invalid id '{id}'")
    case .emptyList: .init("empty-list", .error, "'{key}' needs at least {min} item(s), found {count}")
    case .duplicateId: .init("duplicate-id", .error, "duplicate {what} id '{id}'")
    case .unknownCue: .init("unknown-cue", .error, "unknown cue '{id}'")
    case .unknownState: .init("unknown-state", .error, "unknown state '{id}'")
    case .unknownEnding: .init("unknown-ending", .error, "unknown ending '{id}'")
    case .unknownPersona: .init("unknown-persona", .error, "unknown persona '{id}'")
    case .unknownRubric: .init("unknown-rubric", .error, "unknown rubric '{id}'")
    case .unknownModule: .init("unknown-module", .error, "unknown module '{id}'")
    case .unknownQuestionBank: .init("unknown-question-bank", .error, "unknown question bank '{id}'")
    case .unknownScenario: .init("unknown-scenario", .error, "unknown scenario '{id}'")
    case .unknownMoodVariable:
      .init("unknown-mood-variable", .error, "unknown mood variable '{name}'")
    case .unknownRubricItem:
      .init("unknown-rubric-item", .error, "rubric '{rubric}' has no {what} '{id}'")
    case .unknownSpeaker: .init("unknown-speaker", .error, "unknown speaker '{id}'")
    case .unknownOption: .init("unknown-option", .error, "unknown option '{id}'")
    case .unknownWordClass: .init("unknown-word-class", .error, "unknown word class '@{id}'")
    case .invalidCondition: .init("invalid-condition", .error, "invalid condition: {problem}")
    case .invalidCuePattern: .init("invalid-cue-pattern", .error, "invalid cue pattern: {problem}")
    case .conflictingKeys: .init("conflicting-keys", .error, "{problem}")
    case .archetypeMismatch:
      .init("archetype-mismatch", .warning, "persona '{persona}' is {a}, but the scenario is {b}")
    case .speakersOutsideGroup:
      .init("speakers-outside-group", .error, "'{key}' is only for group scenarios")
    case .groupNeedsSpeakers:
      .init("group-needs-speakers", .error, "a group scenario needs at least 2 speakers, found {count}")
    case .unsatisfiableDraw:
      .init("unsatisfiable-draw", .error, "draw asks for {count} {questions|scenarios} but only {available} {where}")
    case .invalidAnswer: .init("invalid-answer", .error, "{problem}")
    case .moodStartOutOfBounds:
      .init("mood-start-out-of-bounds", .error, "mood variable '{name}': {problem}")
    case .unreachableState:
      .init("unreachable-state", .warning, "state '{id}' can never be reached")
    case .unreachableEnding:
      .init("unreachable-ending", .warning, "no transition leads to ending '{id}'")
    case .unusedCue: .init("unused-cue", .warning, "cue '{id}' is not used by any rubric, persona or scenario")
    case .untriggerableCriterion:
      .init("untriggerable-criterion", .warning, "criterion '{id}' applies to no loaded scenario")
    case .deadEndState:
      .init("dead-end-state", .warning, "state '{id}' has no transition out and no way to end")
    case .unusedWordClass:
      .init("unused-word-class", .warning, "word class '{id}' is not used by any pattern")
    case .unexpectedFolder:
      .init("unexpected-folder", .warning, "a {kind} file is expected under {folder}")
    }
  }
}

/// The documentation of one diagnostic code: a slug for its page, its default severity, and the
/// message template with `{placeholders}`.
public struct DiagnosticDescriptor: Sendable, Hashable {
  public let slug: String
  public let severity: Severity
  public let template: String

  init(_ slug: String, _ severity: Severity, _ template: String) {
    self.slug = slug
    self.severity = severity
    self.template = template
  }
}
