/// A rubric file as written (`rubrics/*.yaml`).
struct RubricSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var passMark: Double?
  var redLinePenalty: Double?
  var dimensions: [DimensionSource]
  var redLines: [RedLineSource]?

  static let shape = ObjectShape(
    "rubric", summary: "Weighted dimensions of criteria, and red lines that fail an attempt.",
    ContentKind.header(.rubric) + [
      .required("id", .id),
      .required("title", .text),
      .optional("passMark", .number(min: 0, max: 100), "Score needed to pass; default 60."),
      .optional("redLinePenalty", .number(min: 0, max: 100), "Points off per red line crossed; default 20."),
      .required("dimensions", .list(.object(DimensionSource.shape), minItems: 1)),
      .optional("redLines", .list(.object(RedLineSource.shape), minItems: 0)),
    ])
}

struct DimensionSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var weight: Double
  var criteria: [CriterionSource]

  static let shape = ObjectShape(
    "dimension",
    [
      .required("id", .id),
      .required("title", .text),
      .required("weight", .number(min: 0, max: 1000), "Relative weight; normalised to 100."),
      .required("criteria", .list(.object(CriterionSource.shape), minItems: 1)),
    ])
}

struct CriterionSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var points: Double
  var appliesTo: AppliesToSource?
  var rule: RuleSource
  var feedback: String
  var model: String?

  static let shape = ObjectShape(
    "criterion",
    [
      .required("id", .id),
      .required("title", .text),
      .required("points", .number(min: 0.5, max: 100)),
      .optional("appliesTo", .object(AppliesToSource.shape), "Limit to archetypes / variants."),
      .required("rule", .object(RuleSource.shape)),
      .required("feedback", .text, "What the course expected."),
      .optional("model", .text, "The course's model phrasing."),
    ])
}

struct AppliesToSource: Decodable, Sendable {
  var archetypes: [Located<String>]?
  var variants: [Located<String>]?

  static let shape = ObjectShape(
    "appliesTo",
    [
      .optional("archetypes", .list(.oneOf(Enumerations.archetypes), minItems: 0)),
      .optional("variants", .list(.oneOf(Enumerations.variants), minItems: 0)),
    ])
}

/// A rule: exactly one of the rule keys, plus the options that belong to it.
struct RuleSource: Decodable, Sendable {
  var present: IDList?
  var count: Int?
  var absent: IDList?
  var ordering: Ordering?
  var penalty: IDList?
  var each: Double?
  var cap: Double?
  var outcome: OutcomeSource?
  var timing: Timing?

  struct Ordering: Decodable, Sendable {
    var first: Located<String>
    var before: Located<String>
    var onlyIfBefore: Bool?
    static let shape = ObjectShape(
      "ordering rule",
      [
        .required("first", .id, "Cue that must come first."),
        .required("before", .id),
        .optional("onlyIfBefore", .boolean, "Not applicable when 'before' never occurs (default false: full points if 'first' did)."),
      ])
  }

  struct Timing: Decodable, Sendable {
    var maxSeconds: Double
    static let shape = ObjectShape("timing rule", [.required("maxSeconds", .number(min: 1, max: 86_400))])
  }

  static let ruleKeys = ["present", "absent", "ordering", "penalty", "outcome", "timing"]

  static let shape = ObjectShape(
    "rule",
    [
      .optional("present", .idOrIDs, "Cue(s) that at least `count` replies must show."),
      .optional("count", .integer(min: 1, max: 50), "For present: how many replies; default 1."),
      .optional("absent", .idOrIDs, "Cue(s) no reply may show."),
      .optional("ordering", .object(Ordering.shape)),
      .optional("penalty", .idOrIDs, "Cue(s) that cost `each` points per occurrence."),
      .optional("each", .number(min: 0.5, max: 100), "For penalty: points per occurrence."),
      .optional("cap", .number(min: 0.5, max: 100), "For penalty: most points lost."),
      .optional("outcome", .object(OutcomeSource.shape)),
      .optional("timing", .object(Timing.shape)),
    ],
    constraints: [.exactlyOne(ruleKeys)])
}

struct OutcomeSource: Decodable, Sendable {
  var ending: [Located<String>]?
  var mood: [String: RangeSource]?

  static let shape = ObjectShape(
    "outcome rule",
    [
      .optional("ending", .list(.oneOf(Enumerations.outcomes), minItems: 1), "Accepted outcomes."),
      .optional("mood", .dictionary(.object(RangeSource.shape)), "Final mood ranges."),
    ],
    constraints: [.atLeastOne(["ending", "mood"])])
}

struct RangeSource: Decodable, Sendable, Hashable {
  var min: Double?
  var max: Double?

  static let shape = ObjectShape(
    "range", [.optional("min", .number(min: nil, max: nil)), .optional("max", .number(min: nil, max: nil))],
    constraints: [.atLeastOne(["min", "max"])])
}

struct RedLineSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var cues: [Located<String>]
  var feedback: String

  static let shape = ObjectShape(
    "red line",
    [
      .required("id", .id),
      .required("title", .text),
      .required("cues", .list(.id, minItems: 1)),
      .required("feedback", .text),
    ])
}
