import Content
import Diagnostics
import DialogueRuntime
import Foundation
import Scoring
import TextAnalysis

/// Grades transcripts against the compiled content: the use case behind `complaint-sim grade`
/// (and later the drill's scorecard). Builds the cue matcher once and a scorer per scenario.
public struct GradingService: Sendable {
  public let content: CompiledContent
  public let matcher: CueMatcher
  private let scenarios: [String: PreparedScenario]

  /// A scenario with what grading it needs, prepared once. A class: every analysed reply and
  /// every scorecard looks one up, and copying a struct of arrays out of the dictionary would
  /// retain each of them.
  final class PreparedScenario: Sendable {
    let program: ScenarioProgram
    let index: ScenarioIndex
    let scorer: Scorer
    let facts: ScenarioFacts

    init(program: ScenarioProgram, index: ScenarioIndex, scorer: Scorer, facts: ScenarioFacts) {
      self.program = program
      self.index = index
      self.scorer = scorer
      self.facts = facts
    }
  }

  /// - Parameter redLineModel: the red-line model the scorers consult beside the lexicon
  ///   (``RedLineModel``); the shipped one by default, nil for the lexicon alone.
  public init(content: CompiledContent, normalizer: TextNormalizer = .shared, redLineModel: RedLineModel? = .shipped) {
    self.content = content
    matcher = CueMatcher(lexicon: content.lexicon, normalizer: normalizer)
    var scenarios: [String: PreparedScenario] = [:]
    for program in content.scenarios {
      guard let rubric = content.rubric(program.rubricID) else { continue }
      let facts = ScenarioFacts(id: program.id, archetype: program.archetype.rawValue, variants: program.variants.map(\.rawValue))
      scenarios[program.id] = PreparedScenario(
        program: program,
        index: ScenarioIndex(program: program, lexicon: content.lexicon, normalizer: normalizer),
        scorer: Scorer(
          rubric: rubric, lexicon: content.lexicon, weights: program.rubricOverrides.weights,
          disabled: program.rubricOverrides.disabledCriteria, redLineModel: redLineModel, scenario: facts),
        facts: facts)
    }
    self.scenarios = scenarios
  }

  /// Analyses one trainee reply in a scenario: cues plus the scenario's confidential facts.
  public func analyze(_ reply: String, in scenarioID: String) -> ReplyAnalysis {
    let analysis = matcher.analyze(reply)
    return scenarios[scenarioID]?.index.disclosures.augment(analysis) ?? analysis
  }

  /// Analyses one trainee reply to a conversation: cues plus its scenario's confidential facts.
  /// The drill's path: the conversation knows its scenario, so no look-up by id per reply.
  public func analyze(_ reply: String, in conversation: Conversation) -> ReplyAnalysis {
    conversation.scenario.disclosures.augment(matcher.analyze(reply))
  }

  /// Grades one transcript. `scenario` overrides (or supplies) the transcript's scenario id.
  ///
  /// The trainee's turns are replayed through the scenario's customer model, so ending and
  /// mood criteria apply to a supplied transcript exactly as to a live drill.
  public func grade(_ transcript: Transcript, scenario override: String? = nil) throws(GradingError) -> Scorecard {
    guard let scenarioID = override ?? transcript.scenario else { throw .missingScenario }
    guard let prepared = scenarios[scenarioID] else {
      throw .unknownScenario(scenarioID, suggestion: Suggestion.closest(to: scenarioID, in: scenarios.keys))
    }
    guard transcript.turns.contains(where: { $0.speaker == .trainee }) else { throw .noTraineeTurns }
    var conversation = Conversation(index: prepared.index, seed: transcript.seed ?? 1)
    _ = conversation.start()
    var repliesAfterEnd = 0
    let turns = transcript.turns.map { turn -> AnalyzedTurn in
      guard turn.speaker == .trainee else { return AnalyzedTurn(speaker: .customer, at: turn.at, analysis: nil) }
      let analysis = analyze(turn.text, in: conversation)
      if conversation.state.isEnded { repliesAfterEnd += 1 } else { _ = conversation.reply(analysis) }
      return AnalyzedTurn(speaker: .trainee, at: turn.at, analysis: analysis)
    }
    return scorecard(id: transcript.id, scenario: prepared, turns: turns, conversation: conversation, repliesAfterEnd: repliesAfterEnd)
  }

  /// Scores turns that are already analysed and played (the drill's path: nothing is analysed
  /// twice). `grade` comes here too, so both give the same scorecard.
  public func scorecard(id: String, scenarioID: String, turns: [AnalyzedTurn], conversation: Conversation) -> Scorecard? {
    guard let prepared = scenarios[scenarioID] else { return nil }
    return scorecard(id: id, scenario: prepared, turns: turns, conversation: conversation, repliesAfterEnd: 0)
  }

  private func scorecard(
    id: String, scenario prepared: PreparedScenario, turns: [AnalyzedTurn], conversation: Conversation, repliesAfterEnd: Int
  ) -> Scorecard {
    var card = prepared.scorer.score(id: id, scenario: prepared.facts, turns: turns, outcome: Self.outcome(of: conversation))
    if repliesAfterEnd > 0 {
      card.notes.append("对话在第\(conversation.state.turn)轮已结束，之后的\(repliesAfterEnd)条回复只计入话术评分，不影响结局。")
    } else if !conversation.state.isEnded {
      card.notes.append("回放到最后一条回复时对话尚未结束，结局类评分项按未达成计。")
    }
    return card
  }

  /// The ending and final mood of a conversation, for the scorer.
  public static func outcome(of conversation: Conversation) -> ConversationOutcome {
    ConversationOutcome(ending: conversation.endingID, outcome: conversation.outcome?.rawValue, mood: conversation.moodByName)
  }

  /// A new conversation on a scenario, using the index prepared once for it.
  public func conversation(_ scenarioID: String, seed: UInt64) -> Conversation? {
    scenarios[scenarioID].map { Conversation(index: $0.index, seed: seed) }
  }

  /// Resumes a saved conversation on a prepared scenario.
  public func conversation(resuming state: ConversationState) throws(ResumeError) -> Conversation {
    guard let prepared = scenarios[state.scenarioID] else {
      throw .scenarioMismatch(saved: state.scenarioID, program: "(not loaded)")
    }
    return try Conversation(index: prepared.index, resuming: state)
  }

  /// Scenario ids that can be graded.
  public var scenarioIDs: [String] { scenarios.keys.sorted() }
}

/// Why a transcript could not be graded; the message says how to fix it.
public enum GradingError: Error, Equatable, CustomStringConvertible {
  case missingScenario
  case unknownScenario(String, suggestion: String?)
  case noTraineeTurns

  public var description: String {
    switch self {
    case .missingScenario: "no scenario: add \"scenario\" to the transcript or pass --scenario ID"
    case .unknownScenario(let id, let suggestion):
      "unknown scenario '\(id)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; see 'complaint-sim list scenarios'")
    case .noTraineeTurns: "the transcript has no trainee turns to grade"
    }
  }
}
