/// Everything that changes during a conversation, as one saveable value (ink's `state.ToJson()`):
/// save it mid-drill, resume it later, and the conversation continues exactly as it would have.
public struct ConversationState: Codable, Sendable, Hashable {
  public enum Phase: Codable, Sendable, Hashable {
    /// The customer has spoken; the trainee's reply is awaited.
    case awaitingTraineeReply
    /// The conversation is over.
    case ended(ending: Int)
  }

  public var scenarioID: String
  public var phase: Phase
  /// The current state's index in the program.
  public var stateIndex: Int
  /// The customer's mood, in the program's mood-variable order. In a group scenario this is the
  /// collective mood: the average of the speakers' moods.
  public var mood: [Int]
  /// Each speaker's mood (group scenarios), in program order.
  public var speakerMood: [[Int]]
  /// Trainee replies so far.
  public var turn: Int
  /// Ids of facts the customer has revealed.
  public var revealedFacts: [String]
  /// The lines said most recently (newest last, at most ``ConversationState/recentLimit``), so
  /// the customer does not repeat themselves while they have something else to say.
  public var recentLines: [String]

  /// How many recent lines are avoided.
  public static let recentLimit = 3
  /// Time frames and amounts the trainee has committed to, for spotting contradictions.
  public var commitments: [Commitment]
  /// The random number generator's state (line choice only; transitions never depend on it).
  public var random: SplitMix64

  /// A quantity the trainee stated, and when.
  public struct Commitment: Codable, Sendable, Hashable {
    public var stated: StatedQuantity
    public var turn: Int
  }

  public var isEnded: Bool {
    if case .ended = phase { return true }
    return false
  }
}

/// SplitMix64: a small, fast, seedable generator whose whole state is one number, so it can be
/// saved with the conversation (as in argument-parser's `roll` example).
public struct SplitMix64: RandomNumberGenerator, Codable, Sendable, Hashable {
  public var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
