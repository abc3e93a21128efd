import Testing

@testable import Content
@testable import DialogueRuntime

/// The turn loop checks conditions in their resolved form (names replaced by mood indices once
/// per scenario); it must judge exactly as the conditions the author wrote.
@Suite struct ResolvedConditionTests {
  static let mood = ["anger", "trust", "patience"]
  static let speakers = ["wang", "li"]

  static func state(mood: [Int], speakers: [[Int]], turn: Int) -> ConversationState {
    ConversationState(
      scenarioID: "s", phase: .awaitingTraineeReply, stateIndex: 0, mood: mood, speakerMood: speakers, turn: turn,
      revealedFacts: [], recentLines: [], commitments: [], random: SplitMix64(seed: 1))
  }

  @Test(arguments: [
    "anger >= 60 and trust < 30 or turn > 8",
    "not (trust >= 50)",
    "wang.anger != 40 and li.trust <= 20",
    "patience < 10 or (anger > 70 and not (turn == 3))",
    "calm > 3",  // a variable the scenario lacks reads 0
    "zhao.anger == 0",  // so does a speaker it lacks
  ])
  func resolvedConditionsJudgeAsWritten(_ source: String) throws {
    let condition = try ConditionParser.parse(source)
    let resolved = ResolvedCondition(
      condition, mood: { Self.mood.firstIndex(of: $0) }, speaker: { Self.speakers.firstIndex(of: $0) })
    for anger in [0, 40, 65, 90] {
      for trust in [10, 30, 60] {
        for turn in [1, 3, 9] {
          let moods = [anger, trust, anger / 10]
          let speakers = [[anger, trust, 50], [anger / 2, trust / 2, 20]]
          let state = Self.state(mood: moods, speakers: speakers, turn: turn)
          let expected = condition.evaluate { operand in
            switch operand {
            case .turn: turn
            case .mood(let name): Self.mood.firstIndex(of: name).map { moods[$0] } ?? 0
            case .speakerMood(let who, let name):
              Self.speakers.firstIndex(of: who).flatMap { speaker in
                Self.mood.firstIndex(of: name).map { speakers[speaker][$0] }
              } ?? 0
            }
          }
          #expect(resolved.holds(in: state) == expected, "\(source) at anger \(anger), trust \(trust), turn \(turn)")
        }
      }
    }
  }
}
