import DialogueRuntime

/// A compiled course module.
public struct Module: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var order: Int
  public var summary: String
  public var lessons: [Lesson]
}

/// One lesson: key points, wording to use and avoid, and what to practise.
public struct Lesson: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var body: String?
  public var keyPoints: [String]
  public var recommendedWording: [String]
  public var avoidedWording: [String]
  public var questionBanks: [String]
  public var scenarios: [String]
}

/// A compiled question bank.
public struct QuestionBank: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var module: String
  public var questions: [Question]
}

/// A theory question with its answer key.
public struct Question: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var prompt: String
  public var answer: AnswerKey
  public var explanation: String
  public var difficulty: Difficulty
  public var tags: [String]

  /// The question type's name as written in content.
  public var typeName: String {
    switch answer {
    case .single: "single"
    case .multiple: "multiple"
    case .trueFalse: "true-false"
    case .fillIn: "fill-in"
    case .shortAnswer: "short-answer"
    }
  }
}

/// A choice offered in a single or multiple choice question.
public struct ChoiceOption: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var text: String
}

/// How a question is graded.
public enum AnswerKey: Hashable, Sendable, Codable {
  case single(options: [ChoiceOption], correct: String)
  case multiple(options: [ChoiceOption], correct: [String])
  case trueFalse(Bool)
  case fillIn(accepted: [String])
  case shortAnswer(keywords: [Keyword], passPoints: Double)
}

/// A short-answer keyword group: any of the words earns the points.
public struct Keyword: Hashable, Sendable, Codable {
  public var any: [String]
  public var points: Double
}

/// A compiled exam blueprint.
public struct ExamBlueprint: Hashable, Sendable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var timeLimitMinutes: Int
  public var maxAttempts: Int
  public var cooldownHours: Double
  public var theoryWeight: Double
  public var theoryPassMark: Double
  public var draws: [Draw]
  public var practicalWeight: Double
  public var practicalPassMark: Double
  public var scenarioPool: [String]
  public var scenarioDraw: Int

  /// How many theory questions of which kind to draw.
  public struct Draw: Hashable, Sendable, Codable {
    public var module: String
    public var count: Int
    public var difficulty: Difficulty?
    public var tags: [String]
  }
}
