import Content
import DialogueRuntime
import Foundation
import Simulator
import Testing
import TestSupport
import TextAnalysis

/// The customer model's guarantees: saveable state, seeded determinism, endings reached within
/// the turn limit, and the archetype, personality and variant behaviours.
@Suite struct ConversationTests {
  static let service: GradingService? = {
    ContentLoader().load(paths: ContentLoader.defaultFolders.map(Repository.path)).content.map { GradingService(content: $0) }
  }()

  func program(_ id: String) throws -> (GradingService, ScenarioProgram) {
    let service = try #require(Self.service)
    return (service, try #require(service.content.scenario(id)))
  }

  func play(_ service: GradingService, _ program: ScenarioProgram, _ replies: [String], seed: UInt64) -> (Conversation, [ConversationEvent]) {
    var conversation = Conversation(program: program, lexicon: service.content.lexicon, seed: seed)
    var events = conversation.start()
    for reply in replies where !conversation.state.isEnded {
      events += conversation.reply(service.analyze(reply, in: program.id))
    }
    return (conversation, events)
  }

  @Test func savingAndResumingMidConversationChangesNothing() throws {
    let (service, program) = try program("angry-wealth-mis-selling")
    let replies = try #require(program.tests.first?.replies)
    let (whole, wholeEvents) = play(service, program, replies, seed: 42)

    var first = Conversation(program: program, lexicon: service.content.lexicon, seed: 42)
    var events = first.start()
    for reply in replies.prefix(2) { events += first.reply(service.analyze(reply, in: program.id)) }
    let saved = try JSONEncoder().encode(first.state)
    var resumed = try Conversation(
      program: program, lexicon: service.content.lexicon, resuming: JSONDecoder().decode(ConversationState.self, from: saved))
    for reply in replies.dropFirst(2) where !resumed.state.isEnded {
      events += resumed.reply(service.analyze(reply, in: program.id))
    }
    #expect(events == wholeEvents)
    #expect(resumed.state == whole.state)
  }

  @Test func resumingAnotherScenariosStateIsRefused() throws {
    let (service, program) = try program("angry-wealth-mis-selling")
    let (_, other) = try self.program("rational-card-installment-fee")
    let state = Conversation(program: other, lexicon: service.content.lexicon, seed: 1).state
    #expect(throws: ResumeError.scenarioMismatch(saved: other.id, program: program.id)) {
      try Conversation(program: program, lexicon: service.content.lexicon, resuming: state)
    }
  }

  @Test func theSameSeedGivesTheSameConversation() throws {
    let (service, program) = try program("disappointed-mortgage-prepayment")
    let replies = try #require(program.tests.first?.replies)
    #expect(play(service, program, replies, seed: 7).1 == play(service, program, replies, seed: 7).1)
  }

  @Test(arguments: [1, 2, 3, 99] as [UInt64])
  func seedsChangeWordingButNeverTheOutcome(_ seed: UInt64) throws {
    let (service, program) = try program("group-trust-default")
    let replies = try #require(program.tests.first?.replies)
    let (reference, _) = play(service, program, replies, seed: 1)
    let (other, _) = play(service, program, replies, seed: seed)
    #expect(other.endingID == reference.endingID)
    #expect(other.state.mood == reference.state.mood)
  }

  @Test func turnLimitEndsTheConversation() throws {
    let (service, program) = try program("rational-card-installment-fee")
    let (conversation, events) = play(service, program, Array(repeating: "嗯嗯。", count: program.turnLimit + 3), seed: 1)
    #expect(conversation.state.isEnded)
    #expect(conversation.state.turn <= program.turnLimit)
    #expect(events.contains { if case .ended = $0 { true } else { false } })
  }

  @Test func anAngryCustomerCalmsWithEmpathyAndFlaresAtBeingToldToCalmDown() throws {
    let (service, program) = try program("angry-wealth-mis-selling")
    let start = Conversation(program: program, lexicon: service.content.lexicon, seed: 1).moodByName["anger"] ?? 0
    let (calmer, _) = play(service, program, ["遇到这种事换谁都会着急，真的很抱歉。"], seed: 1)
    let (angrier, events) = play(service, program, ["你先冷静一点，别激动。"], seed: 1)
    #expect((calmer.moodByName["anger"] ?? 0) < start)
    #expect((angrier.moodByName["anger"] ?? 0) > start)
    #expect(events.contains { if case .customerSays(_, _, _, let text) = $0 { text.contains("冷静") } else { false } })
  }

  @Test func aConcessionBeyondAuthorityIsExploitedByAMaliciousCustomer() throws {
    let (service, program) = try program("malicious-atm-shortfall")
    let test = try #require(program.tests.first { $0.expectedEnding == "exploited" })
    let (conversation, _) = play(service, program, test.replies, seed: test.seed)
    #expect(conversation.outcome == .exploited)
  }

  @Test func factsAreRevealedOnlyWhenAskedFor() throws {
    let (service, program) = try program("angry-wealth-mis-selling")
    let hidden = try #require(program.facts.first { !$0.revealOn.isEmpty && !$0.confidential })
    let conversation = Conversation(program: program, lexicon: service.content.lexicon, seed: 1)
    #expect(!conversation.state.revealedFacts.contains(hidden.id))
    let cue = try #require(service.content.lexicon.cue(hidden.revealOn[0]))
    let (asked, events) = play(service, program, [try #require(cue.matchExamples.first)], seed: 1)
    #expect(asked.state.revealedFacts.contains(hidden.id))
    #expect(events.contains(.factRevealed(fact: hidden.id)))
  }

  /// A reply analysed for a conversation finds its scenario's confidential facts, exactly as one
  /// analysed by scenario id (the drill analyses for the conversation it plays).
  @Test func aReplyAnalysedForAConversationFindsItsConfidentialFacts() throws {
    let (service, program) = try program("angry-wealth-mis-selling")
    let conversation = try #require(service.conversation(program.id, seed: 1))
    let reply = "您可以直接打刘经理的手机13905718826，赵秀兰也买了这款。"
    let analysis = service.analyze(reply, in: conversation)
    #expect(analysis == service.analyze(reply, in: program.id))
    let disclosed = analysis.hits.compactMap { hit -> String? in
      guard case .disclosure(let fact, _) = hit.evidence else { return nil }
      return fact
    }
    #expect(disclosed == ["manager-phone", "other-buyer"])
  }

  @Test func aGroupNoticesAChangedDeadline() throws {
    let (service, program) = try program("group-trust-default")
    let (conversation, events) = play(
      service, program, ["我们会在3个工作日内给大家答复。", "我们会在5个工作日内给大家答复。"], seed: 1)
    let contradiction = events.first { if case .contradiction = $0 { true } else { false } }
    #expect(contradiction == .contradiction(kind: "time-frame", earlier: "3个工作日内", now: "5个工作日内"))
    #expect(conversation.state.commitments.count == 2)
  }

  @Test func aGroupDoesNotMistakeAScheduleForAContradiction() throws {
    let (service, program) = try program("group-trust-default")
    let (_, events) = play(service, program, ["今天下午5点前先通报一次。", "之后每天下午4点统一通报。"], seed: 1)
    #expect(!events.contains { if case .contradiction = $0 { true } else { false } })
  }

  @Test func angerSpreadsInAGroup() throws {
    let (service, program) = try program("group-trust-default")
    var conversation = Conversation(program: program, lexicon: service.content.lexicon, seed: 1)
    _ = conversation.start()
    let anger = try #require(program.mood.firstIndex { $0.name == "anger" })
    let calmest = conversation.state.speakerMood.map { $0[anger] }.min() ?? 0
    _ = conversation.reply(service.analyze("嗯。", in: program.id))
    let calmestAfter = conversation.state.speakerMood.map { $0[anger] }.min() ?? 0
    #expect(calmestAfter > calmest)
  }

  @Test func aLiveConversationIsSmall() throws {
    let (service, program) = try program("group-trust-default")
    let (conversation, _) = play(service, program, try #require(program.tests.first?.replies), seed: 1)
    // The saved form of a finished group conversation stays far under the 20 KB target.
    #expect(try JSONEncoder().encode(conversation.state).count < 4_000)
  }
}
