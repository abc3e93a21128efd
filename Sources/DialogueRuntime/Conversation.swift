import TextAnalysis

/// The customer: a conversation VM over a compiled ``ScenarioProgram`` (STYLE G2).
///
/// Each trainee reply goes analysis → mood (reactions, personality, variants, group contagion)
/// → facts revealed → contradictions → transitions → the customer's lines → ending. Transitions
/// depend only on the reply and the mood, never on chance; the seeded generator only picks
/// among line variants, so a transcript replays to the same ending and mood with any seed.
public struct Conversation: Sendable {
  public var program: ScenarioProgram { index.program }
  /// The scenario prepared for play (shared by every conversation on it).
  public var scenario: ScenarioIndex { index }
  public private(set) var state: ConversationState
  private let index: ScenarioIndex
  private let selector: any LineSelector
  private var mood: MoodModel { MoodModel(index: index) }

  /// Starts a conversation.
  /// - Parameters:
  ///   - program: the compiled scenario.
  ///   - lexicon: the cue lexicon, for the kinds of move (tags) personalities react to.
  ///   - seed: chooses among line variants; the same seed and replies give the same conversation.
  ///   - selector: how a line variant is chosen (default: random, never the same line twice running).
  public init(program: ScenarioProgram, lexicon: CueLexicon, seed: UInt64, selector: any LineSelector = RandomLineSelector()) {
    self.init(index: ScenarioIndex(program: program, lexicon: lexicon), seed: seed, selector: selector)
  }

  /// Starts a conversation on a prepared ``ScenarioIndex`` (the fast path: the index is built
  /// once per scenario and shared).
  public init(index: ScenarioIndex, seed: UInt64, selector: any LineSelector = RandomLineSelector()) {
    self.index = index
    self.selector = selector
    state = ConversationState(
      scenarioID: index.program.id, phase: .awaitingTraineeReply, stateIndex: index.program.startState,
      mood: index.startMood, speakerMood: index.startSpeakerMood, turn: 0, revealedFacts: index.startRevealedFacts,
      recentLines: [], commitments: [], random: SplitMix64(seed: seed))
  }

  /// Resumes a saved conversation.
  public init(
    program: ScenarioProgram, lexicon: CueLexicon, resuming saved: ConversationState,
    selector: any LineSelector = RandomLineSelector()
  ) throws(ResumeError) {
    try self.init(index: ScenarioIndex(program: program, lexicon: lexicon), resuming: saved, selector: selector)
  }

  /// Resumes a saved conversation on a prepared index.
  public init(index: ScenarioIndex, resuming saved: ConversationState, selector: any LineSelector = RandomLineSelector())
    throws(ResumeError)
  {
    let program = index.program
    guard saved.scenarioID == program.id else {
      throw .scenarioMismatch(saved: saved.scenarioID, program: program.id)
    }
    guard saved.stateIndex < program.states.count, saved.mood.count == program.mood.count,
      saved.speakerMood.count == program.speakers.count
    else {
      throw .incompatibleState("states, mood variables or speakers differ")
    }
    self.init(index: index, seed: 0, selector: selector)
    state = saved
  }

  /// The customer's first words.
  public mutating func start() -> [ConversationEvent] {
    guard state.turn == 0, !state.isEnded else { return [] }
    return say(program.states[state.stateIndex].lines).map { [$0] } ?? []
  }

  /// The customer's reaction to one trainee reply.
  public mutating func reply(_ analysis: ReplyAnalysis) -> [ConversationEvent] {
    guard !state.isEnded else { return [] }
    let features = ReplyFeatures(analysis, cues: index.cues)
    state.turn += 1
    var events: [ConversationEvent] = []
    events.reserveCapacity(6)  // mood changes, a reaction, the line: one allocation, no regrowth

    // 1. Mood.
    var changes = mood.changes(for: features)
    var contradictionLine: Line?
    if let contradiction = contradiction(in: features) {
      events.append(.contradiction(kind: contradiction.kind, earlier: contradiction.earlier, now: contradiction.now))
      changes[.anger] += 10
      changes[.trust] -= 15
      contradictionLine = Line(
        id: "contradiction", text: "刚才说的是「\(contradiction.earlier)」，现在又成了「\(contradiction.now)」？到底哪句算数？",
        speaker: program.speakers.first { !$0.representative }?.id ?? program.speakers.first?.id)
    }
    apply(changes, reporting: &events)
    state.commitments += features.commitments.map { ConversationState.Commitment(stated: $0, turn: state.turn) }

    // 2. Immediate reactions, facts, contradictions.
    if analysis.showsAny(index.anyReactionCue),
      let reaction = zip(program.reactions, index.reactionCues).first(where: { analysis.shows(index: $1) && !$0.lines.isEmpty })?.0,
      let event = say(reaction.lines)
    {
      events.append(event)
    }
    // By index, and the reply asked first (a bit test), the ids of facts already revealed only
    // then: a copy of every fact (its strings retained) and string comparisons for each, every
    // turn, cost more than the rest of the loop.
    for position in program.facts.indices where !program.facts[position].confidential {
      guard analysis.showsAny(index.factCues[position]), !state.revealedFacts.contains(program.facts[position].id) else {
        continue
      }
      let fact = program.facts[position]
      state.revealedFacts.append(fact.id)
      events.append(.factRevealed(fact: fact.id))
      if let says = fact.says {
        let speaker = program.speakers.first { $0.representative } ?? program.speakers.first
        events.append(customerSays(Line(id: "fact-\(fact.id)", text: says, speaker: speaker?.id)))
      }
    }
    if let contradictionLine { events.append(customerSays(contradictionLine)) }

    // 3. Transitions, then the customer's line.
    let current = state.stateIndex
    // Plain loops rather than `first(where:)`: a closure calling a method would capture (copy)
    // the whole conversation, every turn.
    var target: Transition.Target?
    for route in index.everyStateRoutes where takes(route, analysis) {
      target = route.target
      break
    }
    if target == nil {
      for route in index.stateRoutes[current] where takes(route, analysis) {
        target = route.target
        break
      }
    }
    if let target {
      switch target {
      case .ending(let index):
        end(index, reporting: &events)
        return events
      case .state(let index):
        if index != current {
          events.append(.stateChanged(from: program.states[current].id, to: program.states[index].id))
          state.stateIndex = index
        }
      }
    }
    if state.turn >= program.turnLimit, let limit = program.endings.firstIndex(where: { $0.outcome == .turnLimit }) {
      end(limit, reporting: &events)
      return events
    }
    if let line = say(program.states[state.stateIndex].lines) { events.append(line) }
    return events
  }

  // MARK: Mood

  /// Applies changes (to every speaker in a group, then contagion), clamps, reports changes.
  private mutating func apply(_ changes: MoodChange, reporting events: inout [ConversationEvent]) {
    let names = index.moodNames
    if program.speakers.isEmpty {
      // One customer: each variable changes in place, reported as it goes (no copy of the mood
      // to compare with afterwards, every turn).
      for position in names.indices {
        let before = state.mood[position]
        let after = clamp(before + changes.amounts[position], program.mood[position])
        guard after != before else { continue }
        state.mood[position] = after
        events.append(.moodChanged(variable: names[position], speaker: nil, from: before, to: after))
      }
      return
    }
    // A group: every speaker changes, anger spreads, and the collective mood is their average.
    let before = state.mood
    for speaker in state.speakerMood.indices {
      for (index, variable) in program.mood.enumerated() {
        state.speakerMood[speaker][index] = clamp(state.speakerMood[speaker][index] + changes.amounts[index], variable)
      }
    }
    if let anger = index.knownMood[.anger] {
      let angriest = state.speakerMood.map { $0[anger] }.max() ?? 0
      for speaker in state.speakerMood.indices {
        let gap = Double(angriest - state.speakerMood[speaker][anger])
        state.speakerMood[speaker][anger] += Int((gap * MoodModel.contagion).rounded())
      }
    }
    state.mood = Self.average(state.speakerMood, bounds: program.mood)
    for position in names.indices where before[position] != state.mood[position] {
      events.append(.moodChanged(variable: names[position], speaker: nil, from: before[position], to: state.mood[position]))
    }
  }

  private func clamp(_ value: Int, _ variable: MoodVariable) -> Int {
    min(variable.max, max(variable.min, value))
  }

  static func average(_ speakers: [[Int]], bounds: [MoodVariable]) -> [Int] {
    bounds.indices.map { index in
      let total = speakers.reduce(0) { $0 + $1[index] }
      return Int((Double(total) / Double(max(1, speakers.count))).rounded())
    }
  }

  /// The current mood by variable name.
  public var moodByName: [String: Int] {
    // Filled in place: every scorecard asks, and building it from a mapped array of pairs cost
    // more than the rest of reading the outcome.
    let names = index.moodNames
    var mood = [String: Int](minimumCapacity: names.count)
    for position in names.indices { mood[names[position]] = state.mood[position] }
    return mood
  }

  // MARK: Rules

  private func takes(_ route: Route, _ analysis: ReplyAnalysis) -> Bool {
    (route.cues.map(analysis.showsAny) ?? true) && (route.condition?.holds(in: state) ?? true)
  }

  /// In a group, a deadline that changes between replies ("三个工作日内", later "五个工作日内")
  /// contradicts the earlier one: several people heard both, and 统一口径 is the point
  /// (DOMAIN §1.2). Only durations of the same unit are compared; clock times and dates name
  /// different moments ("today before 17:00" for a first notice, "daily at 16:00" for updates).
  private func contradiction(in reply: ReplyFeatures) -> (kind: String, earlier: String, now: String)? {
    guard program.archetype == .group else { return nil }
    for stated in reply.commitments {
      guard let duration = stated.duration else { continue }
      let earlier = state.commitments.map(\.stated).filter { $0.duration?.unit == duration.unit }
      guard let last = earlier.last, !earlier.contains(where: { $0.duration?.number == duration.number }),
        !reply.commitments.contains(where: { $0.duration?.unit == duration.unit && $0.duration?.number == last.duration?.number })
      else { continue }
      return (stated.kind, last.quote, stated.quote)
    }
    return nil
  }

  // MARK: Lines and endings

  private mutating func end(_ index: Int, reporting events: inout [ConversationEvent]) {
    state.phase = .ended(ending: index)
    let ending = program.endings[index]
    if let line = say(ending.lines) { events.append(line) }
    events.append(.ended(ending: ending.id, outcome: ending.outcome))
  }

  /// Picks a line variant (never the one just said, when there is a choice) and says it.
  private mutating func say(_ lines: [Line]) -> ConversationEvent? {
    guard !lines.isEmpty else { return nil }
    let line = selector.choose(from: lines, avoiding: state.recentLines, using: &state.random)
    return customerSays(line)
  }

  private mutating func customerSays(_ line: Line) -> ConversationEvent {
    state.recentLines.append(line.id)
    if state.recentLines.count > ConversationState.recentLimit { state.recentLines.removeFirst() }
    let speaker = line.speaker ?? program.speakers.first { $0.representative }?.id ?? program.speakers.first?.id
    let name = speaker.flatMap { id in program.speakers.first { $0.id == id }?.name } ?? program.customer.name
    return .customerSays(lineID: line.id, speaker: speaker, speakerName: name, text: line.text)
  }

  /// The outcome so far: the ending's outcome once ended.
  public var outcome: Outcome? {
    if case .ended(let index) = state.phase { return program.endings[index].outcome }
    return nil
  }

  /// The ending's id once ended.
  public var endingID: String? {
    if case .ended(let index) = state.phase { return program.endings[index].id }
    return nil
  }
}

/// How a line variant is chosen (Yarn Spinner's saliency strategy): swap in another for tests
/// or for a "least recently used" policy.
public protocol LineSelector: Sendable {
  /// Picks one of `lines`, preferring those not in `recent` (newest last).
  func choose(from lines: [Line], avoiding recent: [String], using random: inout SplitMix64) -> Line
}

/// Uniformly random among the variants not said recently; when all were, the one said longest
/// ago is avoided least (the line just said is never repeated if there is any other).
public struct RandomLineSelector: LineSelector {
  public init() {}

  public func choose(from lines: [Line], avoiding recent: [String], using random: inout SplitMix64) -> Line {
    // The usual case (some variant not said recently) counts those variants and picks one in
    // place: every customer line comes through here, and a filtered copy of the variants cost
    // an allocation and retains per variant. The first 64 variants' freshness is kept as bits, so
    // the pick does not compare ids again.
    var fresh = 0
    var freshBits: UInt64 = 0
    for index in lines.indices where !recent.contains(lines[index].id) {
      fresh += 1
      if index < 64 { freshBits |= 1 << UInt64(index) }
    }
    if fresh > 0 {
      var wanted = Int(random.next() % UInt64(fresh))
      for index in lines.indices {
        let isFresh = index < 64 ? freshBits & (1 << UInt64(index)) != 0 : !recent.contains(lines[index].id)
        guard isFresh else { continue }
        if wanted == 0 { return lines[index] }
        wanted -= 1
      }
    }
    // Everything was said recently: take the ones said longest ago, never the very last.
    let last = recent.last
    let oldest = recent.first { id in lines.contains { $0.id == id && $0.id != last } }
    var pool = lines.filter { $0.id == oldest }
    if pool.isEmpty { pool = lines.filter { $0.id != last } }
    if pool.isEmpty { pool = lines }
    return pool[Int(random.next() % UInt64(pool.count))]
  }
}
