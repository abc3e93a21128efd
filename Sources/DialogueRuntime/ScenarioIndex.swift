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
  /// Per state, per transition: the cue indices (empty = any reply).
  let stateTransitionCues: [[[Int32]]]
  let everyStateCues: [[Int32]]
  /// Per fact: the cue indices that reveal it.
  let factCues: [[Int32]]
  /// The mood variables' names, in program order (a ``MoodChange`` is indexed the same way).
  let moodNames: [String]
  /// Per reaction, and for every turn: the mood changes by variable index (unknown names dropped).
  let reactionChanges: [[(variable: Int, amount: Int)]]
  let perTurnChanges: [(variable: Int, amount: Int)]
  /// What every conversation starts from: the mood (collective, for groups), each speaker's
  /// mood, and the facts known without asking. Computed once: grading a transcript starts a
  /// conversation each time.
  let startMood: [Int]
  let startSpeakerMood: [[Int]]
  let startRevealedFacts: [String]

  public init(program: ScenarioProgram, lexicon: CueLexicon) {
    let cues = CueIndex(lexicon)
    self.program = program
    self.cues = cues
    reactionCues = program.reactions.map { cues($0.cue) }
    stateTransitionCues = program.states.map { $0.transitions.map { cues($0.cues) } }
    everyStateCues = program.everyState.map { cues($0.cues) }
    factCues = program.facts.map { cues($0.revealOn) }
    let names = program.mood.map(\.name)
    func indexed(_ changes: [String: Int]) -> [(variable: Int, amount: Int)] {
      changes.sorted { $0.key < $1.key }.compactMap { name, amount in names.firstIndex(of: name).map { ($0, amount) } }
    }
    moodNames = names
    reactionChanges = program.reactions.map { indexed($0.changes) }
    perTurnChanges = indexed(program.perTurn)
    let speakers = program.speakers.map { speaker in program.mood.map { speaker.mood[$0.name] ?? $0.start } }
    startSpeakerMood = speakers
    startMood = speakers.isEmpty ? program.mood.map(\.start) : Conversation.average(speakers, bounds: program.mood)
    startRevealedFacts = program.facts.filter(\.revealOn.isEmpty).map(\.id)
  }
}
