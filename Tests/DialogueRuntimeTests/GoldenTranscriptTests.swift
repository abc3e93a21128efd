import Content
import DialogueRuntime
import Foundation
import Simulator
import Testing
import TestSupport

/// Golden transcripts (STYLE G9): each shipped scenario's first golden test is played and the
/// whole conversation — lines, mood, states, ending — must equal `Transcripts/<scenario>.transcript`
/// (re-record with RECORD_SNAPSHOTS=1). Every transcript is checked twice: on the compiled
/// program and after a JSON round trip of it (ink's JsonRoundTrip, STYLE G10).
@Suite struct GoldenTranscriptTests {
  static let service: GradingService? = {
    ContentLoader().load(paths: ContentLoader.defaultFolders.map(Repository.path)).content.map { GradingService(content: $0) }
  }()
  static let scenarios: [String] = service?.scenarioIDs ?? []

  enum Mode: String, CaseIterable { case compiled, jsonRoundTrip }

  @Test func oneScenarioPerArchetypeIsCovered() throws {
    let service = try #require(Self.service)
    let archetypes = Set(service.content.scenarios.map(\.archetype))
    #expect(archetypes == Set(Archetype.allCases))
  }

  @Test(arguments: GoldenTranscriptTests.scenarios, Mode.allCases)
  func transcriptMatchesItsGolden(_ scenarioID: String, _ mode: Mode) throws {
    let service = try #require(Self.service)
    var program = try #require(service.content.scenario(scenarioID))
    if mode == .jsonRoundTrip {
      program = try JSONDecoder().decode(ScenarioProgram.self, from: JSONEncoder().encode(program))
    }
    let test = try #require(program.tests.first)
    let rendered = TranscriptRenderer.play(program, replies: test.replies, seed: test.seed, service: service)
    let path = Repository.path("Tests/DialogueRuntimeTests/Transcripts/\(scenarioID).transcript")
    if mode == .compiled, ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try rendered.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let golden = try? String(contentsOfFile: path, encoding: .utf8)
    #expect(golden != nil, "no golden transcript for \(scenarioID); record with RECORD_SNAPSHOTS=1")
    #expect(rendered == golden, "\(scenarioID) (\(mode)): conversation differs from its golden transcript")
  }
}

/// Renders a played conversation in the golden-transcript format.
enum TranscriptRenderer {
  static func play(_ program: ScenarioProgram, replies: [String], seed: UInt64, service: GradingService) -> String {
    var conversation = Conversation(program: program, lexicon: service.content.lexicon, seed: seed)
    var lines = ["# \(program.id), seed \(seed)"]
    func render(_ events: [ConversationEvent]) {
      for event in events {
        switch event {
        case .customerSays(let id, _, let name, let text): lines.append("customer: \(name ?? "") `\(text)` [\(id)]")
        case .stateChanged(_, let to): lines.append("state: \(to)")
        case .factRevealed(let fact): lines.append("fact: \(fact)")
        case .contradiction(_, let earlier, let now): lines.append("contradiction: `\(earlier)` → `\(now)`")
        case .ended(let ending, let outcome): lines.append("end: \(ending) (\(outcome.rawValue))")
        case .moodChanged: break
        }
      }
      lines.append("mood: " + program.mood.map { "\($0.name)=\(conversation.moodByName[$0.name] ?? 0)" }.joined(separator: " "))
    }
    render(conversation.start())
    for reply in replies where !conversation.state.isEnded {
      let analysis = service.analyze(reply, in: program.id)
      lines.append("reply: `\(reply)`")
      lines.append("cues: " + analysis.cues.joined(separator: " "))
      render(conversation.reply(analysis))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
