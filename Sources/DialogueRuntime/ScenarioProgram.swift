import Diagnostics

/// A scenario compiled for the dialogue runtime: persona defaults merged in, states and endings
/// resolved to indices, conditions parsed. The runtime sees only this type, never YAML (STYLE G2).
public struct ScenarioProgram: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var archetype: Archetype
  public var variants: [Variant]
  public var personality: Personality
  public var motive: Motive
  public var industry: Industry
  public var difficulty: Difficulty
  public var briefing: String
  public var customer: CustomerProfile
  public var facts: [Fact]
  public var mood: [MoodVariable]
  public var reactions: [CueReaction]
  /// Mood change applied every turn (e.g. patience draining).
  public var perTurn: [String: Int]
  public var defaultLines: [Line]
  public var speakers: [Speaker]
  public var states: [State]
  public var startState: Int
  /// Transitions checked in every state before the state's own.
  public var everyState: [Transition]
  public var endings: [Ending]
  public var turnLimit: Int
  public var rubricID: String
  public var rubricOverrides: RubricOverrideSpec
  public var tests: [ScenarioTest]
  /// Where the scenario was defined, so runtime faults can cite the file.
  public var source: SourceLocation

  public init(
    id: String, title: String, archetype: Archetype, variants: [Variant], personality: Personality,
    motive: Motive, industry: Industry, difficulty: Difficulty, briefing: String,
    customer: CustomerProfile, facts: [Fact], mood: [MoodVariable], reactions: [CueReaction],
    perTurn: [String: Int] = [:], defaultLines: [Line], speakers: [Speaker], states: [State], startState: Int,
    everyState: [Transition], endings: [Ending], turnLimit: Int, rubricID: String,
    rubricOverrides: RubricOverrideSpec, tests: [ScenarioTest], source: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.archetype = archetype
    self.variants = variants
    self.personality = personality
    self.motive = motive
    self.industry = industry
    self.difficulty = difficulty
    self.briefing = briefing
    self.customer = customer
    self.facts = facts
    self.mood = mood
    self.reactions = reactions
    self.perTurn = perTurn
    self.defaultLines = defaultLines
    self.speakers = speakers
    self.states = states
    self.startState = startState
    self.everyState = everyState
    self.endings = endings
    self.turnLimit = turnLimit
    self.rubricID = rubricID
    self.rubricOverrides = rubricOverrides
    self.tests = tests
    self.source = source
  }
}

/// Who the customer is, as the trainee's briefing shows it.
public struct CustomerProfile: Hashable, Sendable, Codable {
  public var name: String
  public var age: Int?
  public var gender: String?
  public var occupation: String?
  public var history: String?

  public init(name: String, age: Int?, gender: String?, occupation: String?, history: String?) {
    self.name = name
    self.age = age
    self.gender = gender
    self.occupation = occupation
    self.history = history
  }
}

/// A piece of case information. Some are revealed only when the trainee asks; confidential ones
/// (a third party's data) must never appear in a reply.
public struct Fact: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var text: String
  /// Cues that make the customer reveal the fact; empty means known from the start.
  public var revealOn: [String]
  public var confidential: Bool
  /// Strings whose appearance in a trainee reply counts as disclosing this fact.
  public var disclosure: [String]
  /// What the customer says when revealing it; nil shows the fact as case information instead.
  public var says: String?

  public init(id: String, text: String, revealOn: [String], confidential: Bool, disclosure: [String], says: String? = nil) {
    self.id = id
    self.text = text
    self.revealOn = revealOn
    self.confidential = confidential
    self.disclosure = disclosure
    self.says = says
  }
}

/// A bounded, typed mood variable (anger, trust, patience, or one the scenario declares).
public struct MoodVariable: Hashable, Sendable, Codable {
  public var name: String
  public var start: Int
  public var min: Int
  public var max: Int

  public init(name: String, start: Int, min: Int, max: Int) {
    self.name = name
    self.start = start
    self.min = min
    self.max = max
  }
}

/// How one cue in a reply moves the mood, and what the customer may say about it at once.
public struct CueReaction: Hashable, Sendable, Codable {
  public var cue: String
  public var changes: [String: Int]
  public var lines: [Line]

  public init(cue: String, changes: [String: Int], lines: [Line]) {
    self.cue = cue
    self.changes = changes
    self.lines = lines
  }
}

/// A customer line with a stable id (for transcripts, tests and translation).
public struct Line: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var text: String
  /// The speaker id in a group scenario; nil for the single customer.
  public var speaker: String?

  public init(id: String, text: String, speaker: String? = nil) {
    self.id = id
    self.text = text
    self.speaker = speaker
  }
}

/// A named person in a group complaint, with a mood of their own.
public struct Speaker: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var name: String
  public var representative: Bool
  public var mood: [String: Int]

  public init(id: String, name: String, representative: Bool, mood: [String: Int]) {
    self.id = id
    self.name = name
    self.representative = representative
    self.mood = mood
  }
}

/// One state of the conversation: what the customer says there and where replies lead.
public struct State: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var lines: [Line]
  public var transitions: [Transition]
  public var source: SourceLocation

  public init(id: String, lines: [Line], transitions: [Transition], source: SourceLocation) {
    self.id = id
    self.lines = lines
    self.transitions = transitions
    self.source = source
  }
}

/// A way out of a state: taken when the reply shows any of `cues` (if any) and `condition`
/// holds (if any).
public struct Transition: Hashable, Sendable, Codable {
  public enum Target: Hashable, Sendable, Codable {
    case state(Int)
    case ending(Int)
  }

  public var cues: [String]
  public var condition: Condition?
  public var target: Target
  public var source: SourceLocation

  public init(cues: [String], condition: Condition?, target: Target, source: SourceLocation) {
    self.cues = cues
    self.condition = condition
    self.target = target
    self.source = source
  }
}

/// How a conversation can end, with the customer's closing line.
public struct Ending: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var outcome: Outcome
  public var lines: [Line]

  public init(id: String, outcome: Outcome, lines: [Line]) {
    self.id = id
    self.outcome = outcome
    self.lines = lines
  }
}

/// A scenario's change to its rubric: new dimension weights and criteria switched off.
public struct RubricOverrideSpec: Hashable, Sendable, Codable {
  public var weights: [String: Double]
  public var disabledCriteria: [String]

  public init(weights: [String: Double] = [:], disabledCriteria: [String] = []) {
    self.weights = weights
    self.disabledCriteria = disabledCriteria
  }
}

/// A golden test kept in the scenario file: scripted replies and what they must lead to.
public struct ScenarioTest: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var seed: UInt64
  public var replies: [String]
  public var expectedEnding: String?
  public var expectedMood: [String: ClosedRangeSpec]
  public var expectedScore: ClosedRangeSpec?
  public var expectedRedLines: [String]?
  public var source: SourceLocation

  public init(
    id: String, seed: UInt64, replies: [String], expectedEnding: String?,
    expectedMood: [String: ClosedRangeSpec], expectedScore: ClosedRangeSpec?,
    expectedRedLines: [String]?, source: SourceLocation
  ) {
    self.id = id
    self.seed = seed
    self.replies = replies
    self.expectedEnding = expectedEnding
    self.expectedMood = expectedMood
    self.expectedScore = expectedScore
    self.expectedRedLines = expectedRedLines
    self.source = source
  }
}

/// An inclusive range with optional bounds, as written in `{min: 20, max: 40}`.
public struct ClosedRangeSpec: Hashable, Sendable, Codable {
  public var min: Double?
  public var max: Double?

  public init(min: Double?, max: Double?) {
    self.min = min
    self.max = max
  }

  public func contains(_ value: Double) -> Bool {
    (min.map { value >= $0 } ?? true) && (max.map { value <= $0 } ?? true)
  }
}
