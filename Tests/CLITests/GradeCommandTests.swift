import Foundation
import Testing
import TestSupport

/// `complaint-sim grade`: the JSON Lines contract of PRODUCT.md, streamed in input order.
@Suite struct GradeCommandTests {
  static let good = #"{"id":"t-001","scenario":"angry-wealth-mis-selling","turns":[{"speaker":"customer","text":"你们银行的理财经理骗我！"},{"speaker":"trainee","text":"您好，我是投诉专员李娜。遇到这种事换谁都会着急，真的很抱歉。我马上调取当时的录音录像，今天下午5点前给您回电。","at":"2026-11-20T09:30:05Z"}]}"#
  static let bad = #"{"id":"t-002","scenario":"angry-wealth-mis-selling","turns":[{"speaker":"customer","text":"我要投诉！"},{"speaker":"trainee","text":"理财有风险是常识，这是您自己的问题。"}]}"#

  func lines(_ text: String) -> [[String: Any]] {
    text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
  }

  @Test func resultsFollowTheContractInInputOrder() throws {
    let output = try CommandRunner.run(["grade", "-"], stdin: Self.good + "\n" + Self.bad + "\n")
    #expect(output.status == 0, "\(output.stderr)")
    let results = lines(output.stdout)
    #expect(results.map { $0["id"] as? String } == ["t-001", "t-002"])
    let first = try #require(results.first)
    #expect(first["scenario"] as? String == "angry-wealth-mis-selling")
    #expect(first["score"] is Double || first["score"] is Int)
    #expect(first["passed"] is Bool)
    #expect(first["red_lines"] is [Any])
    let dimension = try #require((first["dimensions"] as? [[String: Any]])?.first)
    #expect(dimension["id"] is String && dimension["max"] != nil && dimension["score"] != nil)
    let criterion = try #require((first["criteria"] as? [[String: Any]])?.first { ($0["status"] as? String) == "met" })
    #expect(criterion["dimension"] is String && criterion["points"] != nil && criterion["max"] != nil)
    #expect(criterion["feedback"] is String && criterion["evidence"] is [Any])
    let notes = try #require(first["notes"] as? [String])
    #expect(notes.contains { $0.contains("对话尚未结束") })
    #expect(first["ending"] == nil)
    #expect((first["mood"] as? [String: Int])?["anger"] != nil)

    let second = try #require(results.last)
    #expect(second["passed"] as? Bool == false)
    let redLine = try #require((second["red_lines"] as? [[String: Any]])?.first)
    #expect(redLine["turn"] as? Int == 1)
    #expect((redLine["quote"] as? String) == "理财有风险是常识")
  }

  @Test func malformedLinesAreNamedAndDoNotStopTheOthers() throws {
    let input = [Self.good, #"{"id": "t-x", "turns": [}"#, "", #"{"id":"t-y","turns":[{"speaker":"trainee","text":"好的"}]}"#, Self.bad]
      .joined(separator: "\n")
    let directory = try TemporaryDirectory()
    let file = try directory.write("in.jsonl", input)
    let output = try CommandRunner.run(["grade", file])
    #expect(output.status == 2)
    let results = lines(output.stdout)
    #expect(results.count == 4)
    #expect(results[0]["id"] as? String == "t-001")
    #expect(results[1]["line"] as? Int == 2)
    #expect(results[1]["error"] as? String == "not valid JSON")
    #expect(results[2]["line"] as? Int == 4)
    #expect((results[2]["error"] as? String)?.hasPrefix("no scenario") == true)
    #expect(results[3]["id"] as? String == "t-002")
    #expect(output.stderr.contains("\(file):line 2: not valid JSON"))
  }

  @Test func scenarioOptionSuppliesOrOverridesTheScenario() throws {
    let withoutScenario = #"{"id":"t-z","turns":[{"speaker":"trainee","text":"我理解您的心情"}]}"#
    let output = try CommandRunner.run(["grade", "--scenario", "rational-card-installment-fee", "-"], stdin: withoutScenario + "\n")
    #expect(output.status == 0)
    #expect(lines(output.stdout).first?["scenario"] as? String == "rational-card-installment-fee")
    let unknown = try CommandRunner.run(["grade", "--scenario", "nope", "-"], stdin: withoutScenario + "\n")
    #expect(unknown.status == 2)
  }

  @Test func gradingIsByteIdenticalAcrossRuns() throws {
    let input = Self.good + "\n" + Self.bad + "\n"
    let first = try CommandRunner.run(["grade", "-"], stdin: input)
    let second = try CommandRunner.run(["grade", "-"], stdin: input)
    #expect(first.stdout == second.stdout)
    #expect(!first.stdout.isEmpty)
  }

  @Test func explainPrintsAScorecardWithTheTraineesWords() throws {
    let output = try CommandRunner.run(["grade", "--explain", "-"], stdin: Self.bad + "\n")
    #expect(output.status == 0)
    #expect(output.stdout.contains("成绩单 t-002"))
    #expect(output.stdout.contains("未通过"))
    #expect(output.stdout.contains("「理财有风险是常识"))
    #expect(output.stdout.contains("课程要求："))
    #expect(!output.stdout.contains("\u{1B}["))
  }
}
