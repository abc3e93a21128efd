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

  public init(program: ScenarioProgram, lexicon: CueLexicon) {
    let cues = CueIndex(lexicon)
    self.program = program
    self.cues = cues
    reactionCues = program.reactions.map { cues($0.cue) }
    stateTransitionCues = program.states.map { $0.transitions.map { cues($0.cues) } }
    everyStateCues = program.everyState.map { cues($0.cues) }
    factCues = program.facts.map { cues($0.revealOn) }
  }
}
