import DialogueRuntime

/// A curriculum module as written (`curriculum/modules/*.yaml`): ordered lessons.
struct ModuleSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var order: Int?
  var summary: String
  var lessons: [LessonSource]

  static let shape = ObjectShape(
    "module", summary: "A course module: ordered lessons with key points and wording.",
    ContentKind.header(.module) + [
      .required("id", .id),
      .required("title", .text),
      .optional("order", .integer(min: 1, max: 999), "Position in the course; default 1."),
      .required("summary", .text),
      .required("lessons", .list(.object(LessonSource.shape), minItems: 1)),
    ])
}

struct LessonSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var body: String?
  var keyPoints: [String]
  var wording: Wording?
  var questionBanks: [Located<String>]?
  var scenarios: [Located<String>]?

  struct Wording: Decodable, Sendable {
    var recommended: [String]?
    var avoided: [String]?

    enum CodingKeys: String, CodingKey {
      case recommended = "do"
      case avoided = "dont"
    }

    static let shape = ObjectShape(
      "wording",
      [.optional("do", .texts, "Wording to use."), .optional("dont", .texts, "Wording to avoid.")])
  }

  static let shape = ObjectShape(
    "lesson",
    [
      .required("id", .id),
      .required("title", .text),
      .optional("body", .text, "Lesson text (Markdown)."),
      .required("keyPoints", .list(.text, minItems: 1)),
      .optional("wording", .object(Wording.shape)),
      .optional("questionBanks", .ids, "Question bank ids."),
      .optional("scenarios", .ids, "Scenario ids to practise."),
    ])
}

/// A question bank as written (`curriculum/questions/*.yaml`).
struct QuestionBankSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var module: Located<String>
  var questions: [QuestionSource]

  static let shape = ObjectShape(
    "question bank", summary: "Theory questions for one module.",
    ContentKind.header(.questionBank) + [
      .required("id", .id),
      .required("title", .text),
      .required("module", .id, "Module id."),
      .required("questions", .list(.object(QuestionSource.shape), minItems: 1)),
    ])
}

/// The five question types.
enum QuestionType: String, Decodable, Sendable, CaseIterable {
  case single
  case multiple
  case trueFalse = "true-false"
  case fillIn = "fill-in"
  case shortAnswer = "short-answer"
}

struct QuestionSource: Decodable, Sendable {
  var id: Located<String>
  var type: Located<QuestionType>
  var prompt: String
  var options: [OptionSource]?
  var answer: AnswerSource?
  var keywords: [KeywordSource]?
  var passPoints: Double?
  var explanation: String
  var difficulty: Difficulty?
  var tags: [String]?

  struct OptionSource: Decodable, Sendable {
    var id: Located<String>
    var text: String
    static let shape = ObjectShape("option", [.required("id", .id), .required("text", .text)])
  }

  struct KeywordSource: Decodable, Sendable {
    var any: [String]
    var points: Double?
    static let shape = ObjectShape(
      "keyword",
      [
        .required("any", .list(.text, minItems: 1), "Any of these words earns the points."),
        .optional("points", .number(min: 0.5, max: 100), "Default 1."),
      ])
  }

  static let shape = ObjectShape(
    "question",
    [
      .required("id", .id),
      .required("type", .oneOf(QuestionType.allCases.map(\.rawValue))),
      .required("prompt", .text),
      .optional("options", .list(.object(OptionSource.shape), minItems: 2), "single/multiple."),
      .optional(
        "answer", .either([.boolean, .text, .list(.text, minItems: 1)]),
        "single: option id; multiple: option ids; true-false: true/false; fill-in: accepted answers."),
      .optional("keywords", .list(.object(KeywordSource.shape), minItems: 1), "short-answer."),
      .optional("passPoints", .number(min: 0.5, max: 1000), "short-answer: points for full credit."),
      .required("explanation", .text),
      .optional("difficulty", .oneOf(Enumerations.difficulties), "Default medium."),
      .optional("tags", .list(.id, minItems: 0)),
    ])
}

/// An answer as written: true/false, one text, or a list of texts.
enum AnswerSource: Decodable, Sendable {
  case boolean(Bool)
  case texts([Located<String>])

  init(from decoder: any Decoder) throws {
    if let value = try? decoder.singleValueContainer().decode(Bool.self) {
      self = .boolean(value)
    } else if (try? decoder.singleValueContainer().decode(String.self)) != nil {
      self = .texts([try Located<String>(from: decoder)])
    } else {
      self = .texts(try [Located<String>](from: decoder))
    }
  }
}

/// An exam blueprint as written (`curriculum/exams/*.yaml`).
struct ExamSource: Decodable, Sendable {
  var id: Located<String>
  var title: String
  var timeLimitMinutes: Int?
  var maxAttempts: Int?
  var cooldownHours: Double?
  var theory: Theory
  var practical: Practical

  struct Theory: Decodable, Sendable {
    var weight: Double
    var passMark: Double
    var draws: [Draw]

    static let shape = ObjectShape(
      "theory part",
      [
        .required("weight", .number(min: 0, max: 100)),
        .required("passMark", .number(min: 0, max: 100)),
        .required("draws", .list(.object(Draw.shape), minItems: 1)),
      ])
  }

  struct Draw: Decodable, Sendable {
    var module: Located<String>
    var count: Located<Int>
    var difficulty: Difficulty?
    var tags: [String]?

    static let shape = ObjectShape(
      "draw",
      [
        .required("module", .id),
        .required("count", .integer(min: 1, max: 500)),
        .optional("difficulty", .oneOf(Enumerations.difficulties)),
        .optional("tags", .list(.id, minItems: 0), "Only questions with all these tags."),
      ])
  }

  struct Practical: Decodable, Sendable {
    var weight: Double
    var passMark: Double
    var scenarios: [Located<String>]
    var draw: Located<Int>?

    static let shape = ObjectShape(
      "practical part",
      [
        .required("weight", .number(min: 0, max: 100)),
        .required("passMark", .number(min: 0, max: 100)),
        .required("scenarios", .list(.id, minItems: 1), "Scenario pool."),
        .optional("draw", .integer(min: 1, max: 20), "Scenarios drawn; default 1."),
      ])
  }

  static let shape = ObjectShape(
    "exam", summary: "An exam blueprint: theory draws, a practical pool, attempts.",
    ContentKind.header(.exam) + [
      .required("id", .id),
      .required("title", .text),
      .optional("timeLimitMinutes", .integer(min: 1, max: 600), "Default 60."),
      .optional("maxAttempts", .integer(min: 1, max: 20), "Default 3."),
      .optional("cooldownHours", .number(min: 0, max: 8760), "Default 24."),
      .required("theory", .object(Theory.shape)),
      .required("practical", .object(Practical.shape)),
    ])
}
