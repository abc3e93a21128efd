import TextAnalysis

/// A cue lexicon file as written (`rubrics/cues/*.yaml`).
struct CueLexiconSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var classes: [WordClassSource]?
  var cues: [CueSource]

  static let shape = ObjectShape(
    "cue lexicon", summary: "Things a trainee reply can do, with patterns and examples.",
    ContentKind.header(.cueLexicon) + [
      .required("id", .id, "Lexicon id."),
      .required("title", .text),
      .optional(
        "classes", .list(.object(WordClassSource.shape), minItems: 1),
        "Named word lists that patterns, exceptions and negators use as '@id'."),
      .required("cues", .list(.object(CueSource.shape), minItems: 1)),
    ])
}

/// A word class as written: `{id: third-party, words: [他, 她, 对方]}`.
struct WordClassSource: Decodable, Sendable {
  var id: Located<String>
  var title: String?
  var words: [String]

  static let shape = ObjectShape(
    "word class",
    [
      .required("id", .id, "Class id, unique across all lexicons; patterns write it as '@id'."),
      .optional("title", .text),
      .required("words", .list(.text, minItems: 1), "Literal words, any of which the class matches."),
    ])
}

struct CueSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var description: String?
  var polarity: CuePolarity?
  var patterns: [Located<String>]?
  var except: [Located<String>]?
  var negators: [Located<String>]?
  var detect: BuiltInDetector?
  var fuzzy: Double?
  var examples: Examples?
  var tags: [CueTag]?

  struct Examples: Decodable, Sendable {
    var match: [String]?
    var noMatch: [String]?

    static let shape = ObjectShape(
      "cue examples",
      [
        .optional("match", .texts, "Replies that must show this cue."),
        .optional("noMatch", .texts, "Replies that must not show this cue."),
      ])
  }

  static let shape = ObjectShape(
    "cue",
    [
      .required("id", .id, "Cue id, unique across all lexicons."),
      .required("title", .text),
      .optional("description", .text),
      .optional("polarity", .oneOf(CuePolarity.allCases.map(\.rawValue)), "Default neutral."),
      .optional("patterns", .texts, "Literal phrases; 'a…b' or 'a…{N}b' for terms in order with a bounded gap."),
      .optional("except", .texts, "Phrases inside which a hit does not count."),
      .optional("negators", .texts, "Words that cancel a hit right before it."),
      .optional("detect", .oneOf(BuiltInDetector.allCases.map(\.rawValue)), "A built-in recogniser."),
      .optional("fuzzy", .number(min: 0.3, max: 1), "Similarity threshold for paraphrases of the examples."),
      .optional("examples", .object(Examples.shape)),
      .optional(
        "tags", .list(.oneOf(CueTag.allCases.map(\.rawValue)), minItems: 0),
        "Kinds of move, for the customer model: warmth, options, citation, reassurance, refusal…"),
    ],
    constraints: [.atLeastOne(["patterns", "detect"])])
}
