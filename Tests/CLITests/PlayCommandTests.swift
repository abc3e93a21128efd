import Foundation
import Testing
import TestSupport

/// `complaint-sim play`: scripted drills are deterministic, their transcripts grade to the same
/// scorecard, and the interactive drill works in a real pseudo-terminal.
@Suite struct PlayCommandTests {
  static let replies = """
    您好，我是信用卡中心客户经理陈静，工号3316。您算得很仔细，这个疑问很正常。
    我跟您确认一下：您分12期，每期手续费0.6%，您算下来年化大约13%，对吗？
    按照合同第7条的约定，手续费按分期本金计算；简单说，折成年化大约是13%，我把计算明细发您核对。
    我现在就为您登记，受理编号会发到您手机上，3个工作日内给您书面答复。如有异议可向上级机构申请核查，也可以拨打12378。
    """

  func play(_ directory: TemporaryDirectory, seed: Int = 5) throws -> ProcessOutput {
    let script = try directory.write("replies.txt", Self.replies)
    return try CommandRunner.run([
      "play", "rational-card-installment-fee", "--seed", "\(seed)", "--script", script,
      "--transcript", directory.path + "/t.jsonl",
    ])
  }

  @Test func scriptedDrillIsDeterministicAndPlain() throws {
    let directory = try TemporaryDirectory()
    let first = try play(directory)
    let second = try play(directory)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == second.stdout)
    #expect(!first.stdout.contains("\u{1B}["))
    #expect(first.stdout.contains("你（第1轮）：您好，我是信用卡中心客户经理陈静"))
    #expect(first.stdout.contains("信任 "))
    #expect(first.stdout.contains("成绩单 rational-card-installment-fee-5"))
  }

  @Test func theTranscriptGradesToTheInDrillScorecard() throws {
    let directory = try TemporaryDirectory()
    let drill = try play(directory)
    let graded = try CommandRunner.run(["grade", "--explain", directory.path + "/t.jsonl"])
    #expect(graded.status == 0, "\(graded.stderr)")
    let inDrill = try #require(drill.stdout.range(of: "成绩单 ")).lowerBound
    let card = drill.stdout[inDrill...].components(separatedBy: "对话记录已保存")[0]
    #expect(card == graded.stdout)
  }

  @Test func unknownScenarioIsAUsageError() throws {
    let output = try CommandRunner.run(["play", "no-such-scenario"])
    #expect(output.status == 2)
  }

  @Test func theDrillWorksInAPseudoTerminal() throws {
    let binary = try #require(CommandRunner.executable)
    let directory = try TemporaryDirectory()
    let output = try CommandRunner.runProcess(
      "/usr/bin/env",
      ["python3", Repository.path("Tests/CLITests/pty_drill.py"), binary, Repository.root.path, directory.path + "/pty.jsonl"],
      in: Repository.root.path)
    #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    #expect(output.stdout.hasSuffix(" 0 failed\n"))
  }
}

/// `complaint-sim test` and `complaint-sim fuzz`, as trainers run them.
@Suite struct ContentTestCommandTests {
  @Test func shippedContentTestsPass() throws {
    let output = try CommandRunner.run(["test"])
    #expect(output.status == 0, "\(output.stdout)")
    #expect(output.stdout.hasSuffix(" failed\n") && output.stdout.contains(" passed, 0 failed"))
  }

  @Test func aBrokenGoldenTestFailsWithFileAndLine() throws {
    let original = try String(contentsOfFile: Repository.path("scenarios/rational-card-installment-fee.yaml"), encoding: .utf8)
    let broken = original.replacingOccurrences(of: "ending: resolved", with: "ending: hung-up")
    #expect(broken != original)
    let root = try Self.contentRoot(with: broken)
    let output = try CommandRunner.run(["test"], in: root.path)
    #expect(output.status == 1)
    #expect(output.stdout.contains("✘ scenarios/rational-card-installment-fee.yaml:"))
    #expect(output.stdout.contains("expected ending 'hung-up', got 'resolved'"))
  }

  /// A copy of the shipped content with one scenario file replaced.
  static func contentRoot(with rational: String) throws -> TemporaryDirectory {
    let root = try TemporaryDirectory()
    for folder in ["curriculum", "rubrics", "scenarios"] {
      try FileManager.default.copyItem(atPath: Repository.path(folder), toPath: root.path + "/" + folder)
    }
    try rational.write(toFile: root.path + "/scenarios/rational-card-installment-fee.yaml", atomically: true, encoding: .utf8)
    return root
  }

  @Test func fuzzReportsEndingsAndPasses() throws {
    let output = try CommandRunner.run(["fuzz", "--all", "--runs", "20", "--seed", "3"])
    #expect(output.status == 0, "\(output.stdout)")
    #expect(output.stdout.contains("group-trust-default: 20 runs"))
    #expect(output.stdout.hasSuffix("100 passed, 0 failed\n"))
  }
}
