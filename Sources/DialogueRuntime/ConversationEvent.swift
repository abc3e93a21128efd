/// What happened in one step of a conversation. The runtime emits events and never prints
/// (STYLE G2); the drill, tests and the grader decide what to do with them.
public enum ConversationEvent: Codable, Sendable, Hashable {
  /// The customer (or a named speaker in a group) says a line.
  case customerSays(lineID: String, speaker: String?, speakerName: String?, text: String)
  /// A mood variable changed (for a speaker in a group scenario, or the customer as a whole).
  case moodChanged(variable: String, speaker: String?, from: Int, to: Int)
  /// The customer revealed a fact because the trainee asked.
  case factRevealed(fact: String)
  /// The trainee contradicted an earlier commitment.
  case contradiction(kind: String, earlier: String, now: String)
  /// The conversation moved to another state.
  case stateChanged(from: String, to: String)
  /// The conversation ended.
  case ended(ending: String, outcome: Outcome)
}

/// Why a saved state cannot be resumed with a program.
public enum ResumeError: Error, Equatable, CustomStringConvertible {
  case scenarioMismatch(saved: String, program: String)
  case incompatibleState(String)

  public var description: String {
    switch self {
    case .scenarioMismatch(let saved, let program):
      "the saved conversation is for scenario '\(saved)', not '\(program)'"
    case .incompatibleState(let reason):
      "the saved conversation does not fit this version of the scenario: \(reason)"
    }
  }
}
