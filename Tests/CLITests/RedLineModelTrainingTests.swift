import Foundation
import Testing
import TestSupport

/// The red-line model is data derived from the labelled replies in eval/: the shipped file must
/// be what the training script makes of them now (so editing a sentence list without retraining
/// fails here), and the script must see the text exactly as the grader folds it.
@Suite struct RedLineModelTrainingTests {
  @Test func theShippedModelIsWhatTheTrainingDataGives() throws {
    let binary = try #require(CommandRunner.executable)
    let output = try CommandRunner.runProcess(
      "/usr/bin/env", ["python3", Repository.path("scripts/train_red_line_model.py"), "--binary", binary, "--check"],
      in: Repository.root.path)
    #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    #expect(output.stdout.contains("shipped model matches the data"))
  }

  @Test func normalizePrintsWhatTheMatcherSees() throws {
    let output = try CommandRunner.run(["normalize"], stdin: "這筆錢 我們 保證退！\nＡＢＣ，１２３\n")
    #expect(output.status == 0)
    #expect(output.stdout == "这笔钱我们保证退!\nabc,123\n")
  }
}
