import DialogueRuntime
import Testing

@testable import Content

@Suite struct ConditionParserTests {
  @Test func comparisonsAndPrecedence() throws {
    let condition = try ConditionParser.parse("anger >= 60 and trust < 30 or turn > 8")
    #expect(condition == .or(
      .and(.compare(.mood("anger"), .greaterOrEqual, 60), .compare(.mood("trust"), .less, 30)),
      .compare(.turn, .greater, 8)))
  }

  @Test func notAndParentheses() throws {
    #expect(try ConditionParser.parse("not (trust >= 50)") == .not(.compare(.mood("trust"), .greaterOrEqual, 50)))
  }

  @Test func speakerMoodInGroups() throws {
    #expect(try ConditionParser.parse("wang.anger != -5") == .compare(.speakerMood(speaker: "wang", variable: "anger"), .notEqual, -5))
  }

  @Test func evaluation() throws {
    let condition = try ConditionParser.parse("anger >= 60 and not (trust > 40)")
    let values: [Condition.Operand: Int] = [.mood("anger"): 70, .mood("trust"): 40]
    #expect(condition.evaluate { values[$0] ?? 0 })
  }

  @Test(arguments: [
    ("", 0, "empty condition; write e.g. 'anger < 60'"),
    ("anger >", 7, "expected a whole number after '>' (the condition ends too early)"),
    ("anger => 3", 6, "unknown operator '=>'; use <, <=, >, >=, == or !="),
    ("anger > 3 trust < 2", 10, "unexpected text after the condition; join conditions with 'and' or 'or'"),
    ("(anger > 3", 10, "missing ')' (the condition ends too early)"),
    ("60 < anger", 0, "expected a mood variable such as 'anger', or 'turn'"),
    ("anger > 3 & trust < 2", 10, "unexpected character '&'"),
  ])
  func errorsPointIntoTheExpression(_ text: String, _ offset: Int, _ problem: String) {
    do {
      _ = try ConditionParser.parse(text)
      Issue.record("'\(text)' should not parse")
    } catch {
      #expect(error.offset == offset)
      #expect(error.problem == problem)
    }
  }
}
