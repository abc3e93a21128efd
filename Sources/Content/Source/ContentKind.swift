/// The kinds of content file, as written in their `kind:` key.
public enum ContentKind: String, Sendable, CaseIterable, Codable {
  case module
  case questionBank = "question-bank"
  case exam
  case cueLexicon = "cue-lexicon"
  case rubric
  case persona
  case scenario

  /// The schema version this build reads.
  public static let schemaVersion = 1

  /// The folder (relative to the content root) where files of this kind are kept.
  public var folder: String {
    switch self {
    case .module: "curriculum/modules"
    case .questionBank: "curriculum/questions"
    case .exam: "curriculum/exams"
    case .cueLexicon: "rubrics/cues"
    case .rubric: "rubrics"
    case .persona: "scenarios/personas"
    case .scenario: "scenarios"
    }
  }

  /// The shape of a whole file of this kind.
  var shape: ObjectShape {
    switch self {
    case .module: ModuleSource.shape
    case .questionBank: QuestionBankSource.shape
    case .exam: ExamSource.shape
    case .cueLexicon: CueLexiconSource.shape
    case .rubric: RubricSource.shape
    case .persona: PersonaSource.shape
    case .scenario: ScenarioSource.shape
    }
  }

  /// The two keys every file starts with.
  static func header(_ kind: ContentKind) -> [Property] {
    [
      .required("kind", .oneOf([kind.rawValue]), "The kind of this file: \(kind.rawValue)."),
      .required("schemaVersion", .integer(min: 1, max: 1), "Format version; 1."),
    ]
  }
}
