/// A decoded file together with the path it came from.
struct Sourced<Source: Sendable>: Sendable {
  var path: String
  var source: Source
}

/// Every content file that decoded, by kind: the input of validation and compilation.
struct SourceSet: Sendable {
  var modules: [Sourced<ModuleSource>] = []
  var questionBanks: [Sourced<QuestionBankSource>] = []
  var exams: [Sourced<ExamSource>] = []
  var cueLexicons: [Sourced<CueLexiconSource>] = []
  var rubrics: [Sourced<RubricSource>] = []
  var personas: [Sourced<PersonaSource>] = []
  var scenarios: [Sourced<ScenarioSource>] = []
  /// Ids of files that have errors of their own and were not decoded. References to them are
  /// not reported again as unknown: one mistake, one diagnostic.
  var brokenIDs: [ContentKind: Set<String>] = [:]

  func ids(of kind: ContentKind, _ decoded: [String]) -> Set<String> {
    Set(decoded).union(brokenIDs[kind] ?? [])
  }
}
