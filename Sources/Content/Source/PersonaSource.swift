import DialogueRuntime

/// A persona file as written (`scenarios/personas/*.yaml`): archetype defaults for mood and
/// reactions that scenarios build on.
struct PersonaSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var archetype: Archetype
  var mood: [String: MoodVariableSource]
  var reactions: [ReactionSource]?
  var perTurn: [String: Located<Int>]?
  var lines: [LineSource]?

  static let shape = ObjectShape(
    "persona", summary: "Archetype defaults: mood variables, how cues move them, default lines.",
    ContentKind.header(.persona) + [
      .required("id", .id),
      .required("title", .text),
      .required("archetype", .oneOf(Enumerations.archetypes)),
      .required("mood", .dictionary(MoodVariableSource.shape), "Mood variables and their bounds."),
      .optional("reactions", .list(.object(ReactionSource.shape), minItems: 0)),
      .optional("perTurn", .dictionary(.integer(min: -100, max: 100)), "Mood change every turn (patience draining)."),
      .optional("lines", .list(.object(LineSource.shape), minItems: 0)),
    ])
}

/// A mood variable: `{start: 70, min: 0, max: 100}`, or just `70` for the start value.
struct MoodVariableSource: Decodable, Sendable {
  var start: Int?
  var min: Int?
  var max: Int?
  /// Where the value was written, for diagnostics about this variable.
  var location: Located<Int>

  enum CodingKeys: String, CodingKey { case start, min, max }

  init(from decoder: any Decoder) throws {
    location = Located(0, line: decoder.mark?.line ?? 1, column: decoder.mark?.column ?? 1)
    if let start = try? decoder.singleValueContainer().decode(Int.self) {
      self.start = start
      return
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    start = try container.decodeIfPresent(Int.self, forKey: .start)
    min = try container.decodeIfPresent(Int.self, forKey: .min)
    max = try container.decodeIfPresent(Int.self, forKey: .max)
  }

  static let objectShape = ObjectShape(
    "mood variable",
    [
      .optional("start", .integer(min: -1000, max: 1000), "Starting value (required in a persona)."),
      .optional("min", .integer(min: -1000, max: 1000), "Default 0."),
      .optional("max", .integer(min: -1000, max: 1000), "Default 100."),
    ])

  /// A start value, or the full form with bounds.
  static let shape = Shape.either([.integer(min: -1000, max: 1000), .object(objectShape)])
}

struct ReactionSource: Decodable, Sendable {
  var cue: Located<String>
  /// Mood deltas; each value keeps its position so an unknown variable can be pointed at.
  var change: [String: Located<Int>]?
  var lines: [LineSource]?

  static let shape = ObjectShape(
    "reaction",
    [
      .required("cue", .id, "The cue that triggers this reaction."),
      .optional("change", .dictionary(.integer(min: -100, max: 100)), "Mood deltas."),
      .optional("lines", .list(.object(LineSource.shape), minItems: 0), "Said at once, before the state line."),
    ])
}

struct LineSource: Decodable, Sendable {
  var id: Located<String>
  var text: String
  var speaker: Located<String>?

  static let shape = ObjectShape(
    "line",
    [
      .required("id", .id, "Stable line id."),
      .required("text", .text),
      .optional("speaker", .id, "Group scenarios: the speaker id."),
    ])
}
