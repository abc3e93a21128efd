import DialogueRuntime
import Diagnostics
import Scoring
import TextAnalysis

/// All content, compiled: what the runtime, the scorer and the assessment layer read. It is
/// `Codable`, so it can be cached or shipped as JSON and round-tripped in tests (STYLE G10).
public struct CompiledContent: Hashable, Sendable, Codable {
  public var lexicon: CueLexicon
  public var rubrics: [Rubric]
  public var scenarios: [ScenarioProgram]
  public var personas: [PersonaSummary]
  public var modules: [Module]
  public var questionBanks: [QuestionBank]
  public var exams: [ExamBlueprint]
  /// Where each cue is defined, so cue tests can cite file:line.
  public var cueLocations: [String: SourceLocation]

  public func scenario(_ id: String) -> ScenarioProgram? { scenarios.first { $0.id == id } }
  public func rubric(_ id: String) -> Rubric? { rubrics.first { $0.id == id } }
}

/// A persona as listed: scenarios have its defaults merged in already.
public struct PersonaSummary: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var archetype: Archetype
}
