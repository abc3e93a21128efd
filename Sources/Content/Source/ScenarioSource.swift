import DialogueRuntime

/// A scenario file as written (`scenarios/*.yaml`).
struct ScenarioSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var archetype: Located<Archetype>
  var variants: [Variant]?
  var personality: Personality?
  var motive: Motive?
  var industry: Industry
  var difficulty: Difficulty?
  var persona: Located<String>
  var rubric: Located<String>
  var rubricOverrides: RubricOverridesSource?
  var turnLimit: Int?
  var briefing: String
  var customer: CustomerSource
  var facts: [FactSource]?
  var mood: [String: MoodVariableSource]?
  var reactions: [ReactionSource]?
  var speakers: [SpeakerSource]?
  var start: Located<String>?
  var states: [StateSource]
  var everyState: [TransitionSource]?
  var endings: [EndingSource]
  var tests: [TestSource]?

  static let shape = ObjectShape(
    "scenario", summary: "A role-play: the customer, their mood, states, transitions and endings.",
    ContentKind.header(.scenario) + [
      .required("id", .id),
      .required("title", .text),
      .required("archetype", .oneOf(Enumerations.archetypes)),
      .optional("variants", .list(.oneOf(Enumerations.variants), minItems: 0)),
      .optional("personality", .oneOf(Enumerations.personalities), "Default by archetype."),
      .optional("motive", .oneOf(Enumerations.motives), "Default compensation."),
      .required("industry", .oneOf(Enumerations.industries)),
      .optional("difficulty", .oneOf(Enumerations.difficulties), "Default medium."),
      .required("persona", .id, "Persona id."),
      .required("rubric", .id, "Rubric id."),
      .optional("rubricOverrides", .object(RubricOverridesSource.shape)),
      .optional("turnLimit", .integer(min: 1, max: 100), "Default 12."),
      .required("briefing", .text, "Shown to the trainee before the drill."),
      .required("customer", .object(CustomerSource.shape)),
      .optional("facts", .list(.object(FactSource.shape), minItems: 0)),
      .optional("mood", .dictionary(MoodVariableSource.shape), "Overrides of the persona's mood."),
      .optional("reactions", .list(.object(ReactionSource.shape), minItems: 0), "Added to the persona's reactions."),
      .optional("speakers", .list(.object(SpeakerSource.shape), minItems: 0), "Group scenarios only."),
      .optional("start", .id, "First state; default the first listed."),
      .required("states", .list(.object(StateSource.shape), minItems: 1)),
      .optional("everyState", .list(.object(TransitionSource.shape), minItems: 0), "Checked in every state first."),
      .required("endings", .list(.object(EndingSource.shape), minItems: 1)),
      .optional("tests", .list(.object(TestSource.shape), minItems: 0), "Golden tests."),
    ])
}

struct RubricOverridesSource: Decodable, Sendable {
  var weights: [String: Located<Double>]?
  var disable: [Located<String>]?

  static let shape = ObjectShape(
    "rubricOverrides",
    [
      .optional("weights", .dictionary(.number(min: 0, max: 1000)), "Dimension id → new weight."),
      .optional("disable", .ids, "Criterion ids to skip."),
    ])
}

struct CustomerSource: Decodable, Sendable {
  var name: String
  var age: Int?
  var gender: String?
  var occupation: String?
  var history: String?

  static let shape = ObjectShape(
    "customer",
    [
      .required("name", .text),
      .optional("age", .integer(min: 0, max: 130)),
      .optional("gender", .oneOf(Enumerations.genders)),
      .optional("occupation", .text),
      .optional("history", .text),
    ])
}

struct FactSource: Decodable, Sendable {
  var id: Located<String>
  var text: String
  var revealOn: [Located<String>]?
  var confidential: Bool?
  var disclosure: [String]?
  var says: String?

  static let shape = ObjectShape(
    "fact",
    [
      .required("id", .id),
      .required("text", .text),
      .optional("revealOn", .ids, "Cues that make the customer reveal it."),
      .optional("confidential", .boolean, "Must never be disclosed."),
      .optional("disclosure", .list(.text, minItems: 1), "Strings whose appearance in a reply is a leak."),
      .optional("says", .text, "What the customer says when revealing it (first person); default: shown as case information."),
    ])
}

struct SpeakerSource: Decodable, Sendable {
  var id: Located<String>
  var name: String
  var representative: Bool?
  var mood: [String: Located<Int>]?

  static let shape = ObjectShape(
    "speaker",
    [
      .required("id", .id),
      .required("name", .text),
      .optional("representative", .boolean),
      .optional("mood", .dictionary(.integer(min: -1000, max: 1000)), "Start values for this speaker."),
    ])
}

struct StateSource: Decodable, Sendable {
  var id: Located<String>
  var lines: [LineSource]
  var transitions: [TransitionSource]?

  static let shape = ObjectShape(
    "state",
    [
      .required("id", .id),
      .required("lines", .list(.object(LineSource.shape), minItems: 1), "Line variants."),
      .optional("transitions", .list(.object(TransitionSource.shape), minItems: 0)),
    ])
}

struct TransitionSource: Decodable, Sendable {
  var cues: IDList?
  var when: Located<String>?
  var to: Located<String>?
  var end: Located<String>?

  static let shape = ObjectShape(
    "transition",
    [
      .optional("cues", .idOrIDs, "Any of these cues in the reply."),
      .optional("when", .text, "A mood condition, e.g. 'anger < 60 and trust >= 40'."),
      .optional("to", .id, "Next state."),
      .optional("end", .id, "Ending id."),
    ],
    constraints: [.exactlyOne(["to", "end"])])
}

struct EndingSource: Decodable, Sendable {
  var id: Located<String>
  var outcome: Outcome?
  var lines: [LineSource]?

  static let shape = ObjectShape(
    "ending",
    [
      .required("id", .id),
      .optional("outcome", .oneOf(Enumerations.outcomes), "Default: the id, when it is an outcome name."),
      .optional("lines", .list(.object(LineSource.shape), minItems: 0), "The customer's closing line."),
    ])
}

struct TestSource: Decodable, Sendable {
  var id: Located<String>
  var seed: Int?
  var replies: [String]
  var expect: Expectation?

  struct Expectation: Decodable, Sendable {
    var ending: Located<String>?
    var mood: [String: RangeSource]?
    var score: RangeSource?
    var redLines: [Located<String>]?

    static let shape = ObjectShape(
      "test expectation",
      [
        .optional("ending", .id),
        .optional("mood", .dictionary(.object(RangeSource.shape))),
        .optional("score", .object(RangeSource.shape)),
        .optional("redLines", .ids, "The exact set of red lines expected."),
      ])
  }

  static let shape = ObjectShape(
    "test",
    [
      .required("id", .id),
      .optional("seed", .integer(min: 0, max: Int.max), "Default 1."),
      .required("replies", .list(.text, minItems: 1), "Trainee replies, in order."),
      .optional("expect", .object(Expectation.shape)),
    ])
}
