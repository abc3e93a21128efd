import Content
import DialogueRuntime
import Foundation
import TextAnalysis

/// Random play ("padbashing", `complaint-sim fuzz`): replies drawn from cue examples, other
/// scenarios' lines and noise. A scenario must never crash or run past its turn limit, and the
/// distribution of endings shows a trainer whether it can be both won and lost.
public struct ScenarioFuzzer: Sendable {
  public let service: GradingService
  private let pool: [String]

  public init(service: GradingService) {
    self.service = service
    let content = service.content
    var pool = content.lexicon.cues.flatMap { $0.matchExamples + $0.noMatchExamples }
    pool += content.scenarios.flatMap { $0.states.flatMap { $0.lines.map(\.text) } }
    pool += content.rubrics.flatMap { $0.allCriteria.compactMap(\.criterion.model) }
    self.pool = pool.filter { !$0.isEmpty }
  }

  /// The result of fuzzing one scenario.
  public struct Report: Sendable {
    public var scenario: String
    public var runs: Int
    /// Ending id → how many runs ended there.
    public var endings: [String: Int]
    /// Runs that broke an invariant, with the seed to replay them.
    public var violations: [String]
    public var longestRun: Int
  }

  public func fuzz(_ scenarioID: String, runs: Int, seed: UInt64) -> Report {
    let program = service.content.scenario(scenarioID)
    var report = Report(scenario: scenarioID, runs: runs, endings: [:], violations: [], longestRun: 0)
    guard let program else {
      report.violations.append("no scenario '\(scenarioID)'")
      return report
    }
    for run in 0..<runs {
      let runSeed = seed &+ UInt64(run) &* 0x9E37_79B9
      var random = SplitMix64(seed: runSeed)
      var conversation = service.conversation(program.id, seed: runSeed)
        ?? Conversation(program: program, lexicon: service.content.lexicon, seed: runSeed)
      _ = conversation.start()
      var replies = 0
      // A few replies past the limit prove the conversation stops by itself.
      while !conversation.state.isEnded, replies < program.turnLimit + 5 {
        let text = reply(using: &random)
        _ = conversation.reply(service.analyze(text, in: conversation))
        replies += 1
      }
      report.longestRun = max(report.longestRun, conversation.state.turn)
      if !conversation.state.isEnded {
        report.violations.append("run \(run) (seed \(runSeed)): still talking after \(replies) replies; turn limit is \(program.turnLimit)")
      } else if conversation.state.turn > program.turnLimit {
        report.violations.append("run \(run) (seed \(runSeed)): ended at reply \(conversation.state.turn), past the turn limit \(program.turnLimit)")
      }
      report.endings[conversation.endingID ?? "(none)", default: 0] += 1
    }
    return report
  }

  /// A random reply: usually one to three pooled sentences, sometimes noise, empty or huge.
  private func reply(using random: inout SplitMix64) -> String {
    switch random.next() % 20 {
    case 0: return ""
    case 1: return String(repeating: pool[Int(random.next() % UInt64(pool.count))], count: 20)
    case 2:
      return String((0..<Int(random.next() % 40)).compactMap { _ in
        Unicode.Scalar(UInt32(0x4E00 + random.next() % 0x5000)).map(Character.init)
      })
    case 3: return "１２３４５６７８９０ＡＢＣ!!!???。。。"
    default:
      let count = 1 + Int(random.next() % 3)
      return (0..<count).map { _ in pool[Int(random.next() % UInt64(pool.count))] }.joined(separator: "，")
    }
  }
}
