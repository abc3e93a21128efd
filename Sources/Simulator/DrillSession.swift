import Content
import DialogueRuntime
import Foundation
import Scoring
import TextAnalysis

/// One trainee's drill on one scenario: the use case behind `complaint-sim play` (and later the
/// web drill). Keeps the conversation, the transcript, a snapshot before each reply (for
/// `/restart-from`) and earlier attempts; the interface only renders what it returns.
public struct DrillSession: Sendable {
  public enum Mode: String, Sendable, CaseIterable {
    /// Hints and restarts allowed.
    case practice
    /// No hints, no restarts: graded as it stands.
    case exam
  }

  public let service: GradingService
  public let program: ScenarioProgram
  public let mode: Mode
  public let id: String
  public let seed: UInt64
  private let clock: @Sendable () -> Date?
  private var conversation: Conversation
  /// The current attempt.
  public private(set) var transcript: Transcript
  /// Earlier attempts, kept when the trainee restarts from an earlier reply.
  public private(set) var earlierAttempts: [Transcript] = []
  /// Conversation state and transcript length before each trainee reply (index = reply - 1).
  private var snapshots: [(state: ConversationState, turns: Int)] = []
  /// The analysis of each turn of the current attempt (nil for the customer's), kept so the
  /// scorecard never analyses a reply a second time.
  private var analyzed: [AnalyzedTurn] = []

  /// - Parameters:
  ///   - clock: the time stamped on each turn (`at`); nil stamps nothing (scripted runs, tests).
  /// Returns nil when the scenario is not loaded.
  public init?(
    service: GradingService, scenarioID: String, seed: UInt64, mode: Mode = .practice, id: String,
    clock: @escaping @Sendable () -> Date? = { nil }
  ) {
    guard let program = service.content.scenario(scenarioID) else { return nil }
    self.service = service
    self.program = program
    self.mode = mode
    self.id = id
    self.seed = seed
    self.clock = clock
    conversation = service.conversation(program.id, seed: seed)
      ?? Conversation(program: program, lexicon: service.content.lexicon, seed: seed)
    transcript = Transcript(id: id, scenario: program.id, seed: seed, turns: [])
  }

  public var isEnded: Bool { conversation.state.isEnded }
  /// Trainee replies so far in this attempt.
  public var turn: Int { conversation.state.turn }
  public var mood: [String: Int] { conversation.moodByName }
  public var state: ConversationState { conversation.state }

  /// The customer opens.
  public mutating func start() -> [ConversationEvent] {
    record(conversation.start())
  }

  /// The trainee replies; returns what the customer does.
  public mutating func reply(_ text: String) -> [ConversationEvent] {
    guard !isEnded else { return [] }
    snapshots.append((conversation.state, transcript.turns.count))
    let at = clock()
    let analysis = service.analyze(text, in: conversation)
    transcript.turns.append(.init(speaker: .trainee, text: text, at: at))
    analyzed.append(AnalyzedTurn(speaker: .trainee, at: at, analysis: analysis))
    return record(conversation.reply(analysis))
  }

  private mutating func record(_ events: [ConversationEvent]) -> [ConversationEvent] {
    for case .customerSays(_, _, _, let text) in events {
      let at = clock()
      transcript.turns.append(.init(speaker: .customer, text: text, at: at))
      analyzed.append(AnalyzedTurn(speaker: .customer, at: at, analysis: nil))
    }
    return events
  }

  /// Rewinds to just before trainee reply `turn` (1-based), keeping the attempt so far.
  public mutating func restart(from turn: Int) throws(DrillError) {
    guard mode == .practice else { throw .notInExam }
    guard turn >= 1, turn <= snapshots.count else { throw .noSuchTurn(turn, available: snapshots.count) }
    earlierAttempts.append(Transcript(
      id: "\(id)-attempt-\(earlierAttempts.count + 1)", scenario: transcript.scenario, seed: seed, turns: transcript.turns))
    let snapshot = snapshots[turn - 1]
    do {
      conversation = try service.conversation(resuming: snapshot.state)
    } catch {
      throw .cannotResume("\(error)")
    }
    transcript.turns.removeLast(transcript.turns.count - snapshot.turns)
    analyzed.removeLast(analyzed.count - snapshot.turns)
    snapshots.removeLast(snapshots.count - (turn - 1))
  }

  /// The scorecard of the current attempt, exactly as `grade` computes it from the transcript.
  public func scorecard() -> Scorecard {
    guard analyzed.contains(where: { $0.speaker == .trainee }),
      let card = service.scorecard(id: id, scenarioID: program.id, turns: analyzed, conversation: conversation)
    else {
      return emptyScorecard
    }
    return card
  }

  private var emptyScorecard: Scorecard {
    Scorecard(
      id: id, scenario: program.id, score: 0, passed: false, passMark: 60, redLines: [], dimensions: [], criteria: [],
      ending: nil, mood: nil, notes: ["还没有回复可评分。"])
  }

  /// What the course expects now (practice only): criteria not yet met, with model phrasing.
  public func hints(limit: Int = 3) throws(DrillError) -> [Hint] {
    guard mode == .practice else { throw .notInExam }
    let card = scorecard()
    let weights = Dictionary(card.dimensions.map { ($0.id, $0.max) }, uniquingKeysWith: { first, _ in first })
    return card.criteria
      .filter { ($0.status == .missed || $0.status == .partial) && !$0.id.isEmpty }
      .filter { result in
        // Outcome and penalty criteria are not things to say now.
        guard let criterion = service.content.rubric(program.rubricID)?.allCriteria.first(where: { $0.criterion.id == result.id })?.criterion
        else { return false }
        switch criterion.rule {
        case .present, .ordering: return true
        default: return false
        }
      }
      .sorted { (weights[$0.dimension] ?? 0) * ($0.max - $0.points) > (weights[$1.dimension] ?? 0) * ($1.max - $1.points) }
      .prefix(limit)
      .map { Hint(title: $0.title, expectation: $0.feedback, model: $0.model) }
  }

  /// A hint: what to do, and how the course would put it.
  public struct Hint: Sendable, Hashable {
    public var title: String
    public var expectation: String
    public var model: String?
  }

  /// Every attempt, earlier ones first, as transcripts for the contract file.
  public var allAttempts: [Transcript] { earlierAttempts + [transcript] }
}

/// Why a drill command could not be carried out.
public enum DrillError: Error, Equatable, CustomStringConvertible {
  case notInExam
  case noSuchTurn(Int, available: Int)
  case cannotResume(String)

  public var description: String {
    switch self {
    case .notInExam: "考试模式下不能使用提示或重来。"
    case .noSuchTurn(let turn, let available):
      available == 0 ? "还没有可以重来的回复。" : "没有第\(turn)轮；可以从第1到第\(available)轮重来。"
    case .cannotResume(let reason): "无法回到该轮：\(reason)"
    }
  }
}
