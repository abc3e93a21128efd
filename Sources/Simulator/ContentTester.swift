import Content
import DialogueRuntime
import Diagnostics
import Scoring
import TextAnalysis

/// Runs content's own tests (`complaint-sim test`): every scenario's golden tests (scripted
/// replies → expected ending, mood, score, red lines) and every cue's match/noMatch examples.
public struct ContentTester: Sendable {
  public let service: GradingService

  public init(service: GradingService) {
    self.service = service
  }

  /// One test's result; `failures` say what was expected and what happened.
  public struct Result: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var failures: [String]
    public var passed: Bool { failures.isEmpty }
  }

  /// All tests of scenarios and cues whose files pass `include`.
  public func run(include: (String) -> Bool = { _ in true }) -> [Result] {
    let scenarios = service.content.scenarios.filter { include($0.source.file) }
    return scenarios.flatMap { program in program.tests.map { run($0, in: program) } } + cueExamples(include: include)
  }

  /// Plays a golden test and checks its expectations.
  public func run(_ test: ScenarioTest, in program: ScenarioProgram) -> Result {
    let played = ScriptedPlay.play(program.id, replies: test.replies, seed: test.seed, id: "\(program.id)/\(test.id)", service: service)
    var failures: [String] = []
    if played.unusedReplies > 0 {
      failures.append("the conversation ended at reply \(played.transcript.traineeTurns.count) ('\(played.card.ending ?? "")'); \(played.unusedReplies) scripted replies were never used")
    }
    if let expected = test.expectedEnding, played.card.ending != expected {
      failures.append("expected ending '\(expected)', got \(played.card.ending.map { "'\($0)'" } ?? "no ending (still talking after \(test.replies.count) replies)")")
    }
    for (variable, range) in test.expectedMood.sorted(by: { $0.key < $1.key }) {
      let value = played.card.mood?[variable] ?? 0
      if !range.contains(Double(value)) {
        failures.append("expected \(variable) in \(Self.describe(range)), got \(value)")
      }
    }
    if let range = test.expectedScore, !range.contains(played.card.score) {
      failures.append("expected score in \(Self.describe(range)), got \(played.card.score.formatted1)")
    }
    if let expected = test.expectedRedLines {
      let actual = Set(played.card.redLines.map(\.id))
      if actual != Set(expected) {
        let missing = Set(expected).subtracting(actual).sorted()
        let extra = actual.subtracting(expected).sorted()
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
        if !extra.isEmpty {
          parts.append("unexpected " + extra.map { id in
            let hit = played.card.redLines.first { $0.id == id }
            return "\(id) (reply \(hit?.turn ?? 0): 「\(hit?.quote ?? "")」)"
          }.joined(separator: ", "))
        }
        failures.append("red lines: " + parts.joined(separator: "; "))
      }
    }
    return Result(name: "scenario \(program.id) test '\(test.id)'", location: test.source, failures: failures)
  }

  /// Each cue's examples, as a test per cue.
  public func cueExamples(include: (String) -> Bool) -> [Result] {
    service.content.lexicon.cues.compactMap { cue in
      guard let location = service.content.cueLocations[cue.id], include(location.file) else { return nil }
      var failures: [String] = []
      for example in cue.matchExamples where !service.matcher.analyze(example).shows(cue.id) {
        failures.append("should match: \(example)")
      }
      for example in cue.noMatchExamples {
        let hits = service.matcher.analyze(example).hits(of: cue.id)
        if let hit = hits.first { failures.append("should not match: \(example) (matched by \(hit.explanation))") }
      }
      return Result(name: "cue '\(cue.id)' examples", location: location, failures: failures)
    }
  }

  static func describe(_ range: ClosedRangeSpec) -> String {
    switch (range.min, range.max) {
    case (let low?, let high?): "\(low.formatted1)…\(high.formatted1)"
    case (let low?, nil): "≥ \(low.formatted1)"
    case (nil, let high?): "≤ \(high.formatted1)"
    default: "any"
    }
  }
}

/// Plays scripted replies through a scenario and grades the transcript, as the drill would.
public enum ScriptedPlay {
  public struct Outcome: Sendable {
    public var transcript: Transcript
    public var card: Scorecard
    /// Replies left over because the conversation had ended.
    public var unusedReplies: Int
  }

  public static func play(_ scenarioID: String, replies: [String], seed: UInt64, id: String, service: GradingService) -> Outcome {
    guard var session = DrillSession(service: service, scenarioID: scenarioID, seed: seed, id: id) else {
      return Outcome(
        transcript: Transcript(id: id, scenario: scenarioID, turns: []),
        card: Scorecard(
          id: id, scenario: scenarioID, score: 0, passed: false, passMark: 0, redLines: [], dimensions: [], criteria: [],
          ending: nil, mood: nil, notes: ["场景 \(scenarioID) 未加载。"]),
        unusedReplies: replies.count)
    }
    _ = session.start()
    var unused = 0
    for reply in replies {
      if session.isEnded { unused += 1 } else { _ = session.reply(reply) }
    }
    return Outcome(transcript: session.transcript, card: session.scorecard(), unusedReplies: unused)
  }
}

extension Double {
  /// "72.5", or "80" for whole numbers.
  var formatted1: String {
    rounded() == self ? String(Int(self)) : String((self * 10).rounded() / 10)
  }
}
