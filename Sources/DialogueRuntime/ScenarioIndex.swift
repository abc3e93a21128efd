import TextAnalysis

/// A scenario program with its cue references compiled to lexicon indices: built once per
/// scenario and shared by every conversation on it, so a turn never hashes a cue id.
///
/// A class (immutable, so `Sendable`) because every conversation holds one: sharing a
/// reference costs one retain, where copying a struct of arrays costs one per array.
public final class ScenarioIndex: Sendable {
  public let program: ScenarioProgram
  let cues: CueIndex
  /// Per reaction: the cue's index.
  let reactionCues: [Int32]
  /// Every reaction's cue: a reply showing none of them skips the reactions.
  let anyReactionCue: CueSet
  /// Per cue (lexicon index + ``reactionCueOffset``, so the disclosure pseudo-cue has a row): the
  /// reactions it triggers. A reply's mood change visits the cues it shows, not every reaction.
  let reactionsByCue: [[Int]]
  static let reactionCueOffset = -Int(CueHit.disclosureIndex)
  /// Per state, its transitions; then those taken from every state (checked first).
  let stateRoutes: [[Route]]
  let everyStateRoutes: [Route]
  /// Per fact: the cues that reveal it.
  let factCues: [CueSet]
  /// The mood variables' names, in program order (a ``MoodChange`` is indexed the same way).
  let moodNames: [String]
  /// Where anger, trust and patience are among them.
  let knownMood: KnownMoodPositions
  /// Per reaction, and for every turn: the mood changes by variable index (unknown names dropped).
  let reactionChanges: [[(variable: Int, amount: Int)]]
  let perTurnChanges: [(variable: Int, amount: Int)]
  /// What every conversation starts from: the mood (collective, for groups), each speaker's
  /// mood, and the facts known without asking. Computed once: grading a transcript starts a
  /// conversation each time.
  let startMood: [Int]
  let startSpeakerMood: [[Int]]
  let startRevealedFacts: [String]
  /// The scenario's confidential facts, ready to be found in a reply (a disclosure is a red line).
  public let disclosures: DisclosureDetector

  /// - Parameter normalizer: folds the confidential facts as replies are folded.
  public init(program: ScenarioProgram, lexicon: CueLexicon, normalizer: TextNormalizer = .shared) {
    let cues = CueIndex(lexicon)
    self.program = program
    disclosures = DisclosureDetector(
      facts: program.facts.filter(\.confidential).map { ($0.id, $0.disclosure) }, normalizer: normalizer)
    self.cues = cues
    reactionCues = program.reactions.map { cues($0.cue) }
    anyReactionCue = CueSet(reactionCues)
    var reactionsByCue = [[Int]](repeating: [], count: Int(reactionCues.max() ?? 0) + Self.reactionCueOffset + 1)
    for (reaction, cue) in reactionCues.enumerated() where Int(cue) + Self.reactionCueOffset >= 0 {
      reactionsByCue[Int(cue) + Self.reactionCueOffset].append(reaction)
    }
    self.reactionsByCue = reactionsByCue
    let moodIndex = { (name: String) in program.mood.firstIndex { $0.name == name } }
    let speakerIndex = { (id: String) in program.speakers.firstIndex { $0.id == id } }
    func route(_ transition: Transition) -> Route {
      Route(
        cues: transition.cues.isEmpty ? nil : CueSet(cues(transition.cues)),
        condition: transition.condition.map { ResolvedCondition($0, mood: moodIndex, speaker: speakerIndex) },
        target: transition.target)
    }
    stateRoutes = program.states.map { $0.transitions.map(route) }
    everyStateRoutes = program.everyState.map(route)
    factCues = program.facts.map { CueSet(cues($0.revealOn)) }
    let names = program.mood.map(\.name)
    func indexed(_ changes: [String: Int]) -> [(variable: Int, amount: Int)] {
      changes.sorted { $0.key < $1.key }.compactMap { name, amount in names.firstIndex(of: name).map { ($0, amount) } }
    }
    moodNames = names
    knownMood = KnownMoodPositions(names: names)
    reactionChanges = program.reactions.map { indexed($0.changes) }
    perTurnChanges = indexed(program.perTurn)
    let speakers = program.speakers.map { speaker in program.mood.map { speaker.mood[$0.name] ?? $0.start } }
    startSpeakerMood = speakers
    startMood = speakers.isEmpty ? program.mood.map(\.start) : Conversation.average(speakers, bounds: program.mood)
    startRevealedFacts = program.facts.filter(\.revealOn.isEmpty).map(\.id)
  }
}

/// A transition ready for the turn loop: its cues (nil = any reply), the condition with mood
/// variables and speakers resolved to indices, and where it leads.
struct Route: Sendable {
  let cues: CueSet?
  let condition: ResolvedCondition?
  let target: Transition.Target
}

/// A ``Condition`` whose operands are indices into the conversation's mood, so checking it
/// compares integers rather than variable names (it is checked for every transition, every turn).
indirect enum ResolvedCondition: Sendable {
  case compare(Operand, Condition.Comparison, Int)
  case and(ResolvedCondition, ResolvedCondition)
  case or(ResolvedCondition, ResolvedCondition)
  case not(ResolvedCondition)

  enum Operand: Sendable {
    case mood(Int)
    case speakerMood(speaker: Int, variable: Int)
    case turn
    /// A name the scenario does not declare (validation reports it): reads as 0.
    case unknown
  }

  init(_ condition: Condition, mood: (String) -> Int?, speaker: (String) -> Int?) {
    switch condition {
    case .compare(let operand, let comparison, let literal):
      let resolved: Operand
      switch operand {
      case .turn: resolved = .turn
      case .mood(let name): resolved = mood(name).map(Operand.mood) ?? .unknown
      case .speakerMood(let who, let name):
        if let who = speaker(who), let variable = mood(name) {
          resolved = .speakerMood(speaker: who, variable: variable)
        } else {
          resolved = .unknown
        }
      }
      self = .compare(resolved, comparison, literal)
    case .and(let lhs, let rhs): self = .and(Self(lhs, mood: mood, speaker: speaker), Self(rhs, mood: mood, speaker: speaker))
    case .or(let lhs, let rhs): self = .or(Self(lhs, mood: mood, speaker: speaker), Self(rhs, mood: mood, speaker: speaker))
    case .not(let inner): self = .not(Self(inner, mood: mood, speaker: speaker))
    }
  }

  func holds(in state: ConversationState) -> Bool {
    switch self {
    case .compare(let operand, let comparison, let literal):
      let value: Int
      switch operand {
      case .turn: value = state.turn
      case .mood(let variable): value = state.mood[variable]
      case .speakerMood(let speaker, let variable): value = state.speakerMood[speaker][variable]
      case .unknown: value = 0
      }
      return comparison.holds(value, literal)
    case .and(let lhs, let rhs): return lhs.holds(in: state) && rhs.holds(in: state)
    case .or(let lhs, let rhs): return lhs.holds(in: state) || rhs.holds(in: state)
    case .not(let inner): return !inner.holds(in: state)
    }
  }
}
