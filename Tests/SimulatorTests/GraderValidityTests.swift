import Content
import Foundation
import Simulator
import Testing
import TestSupport

/// Grader validity on labelled reply pairs (issue #3): the development set in ../shared/eval and
/// the held-out set in eval/ (written without looking at the lexicon). Figures are printed in
/// the test log; the bars are the course's: the better reply scores strictly higher, red lines
/// in worse replies are caught, and a better reply is never flagged.
@Suite struct GraderValidityTests {
  static let service: GradingService? = {
    ContentLoader().load(paths: ContentLoader.defaultFolders.map(Repository.path)).content.map { GradingService(content: $0) }
  }()

  static let developmentSet = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/eval/dev-pairs.jsonl").path
  static let heldOutSet = Repository.path("eval/heldout-pairs.jsonl")

  /// The shared data sits beside the repository on developer machines and in CI; outside CI a
  /// checkout without it skips this test, in CI a missing file is a failure.
  static let developmentSetAvailable =
    FileManager.default.fileExists(atPath: developmentSet) || ProcessInfo.processInfo.environment["CI"] != nil

  @Test(.enabled(if: developmentSetAvailable, "needs ../shared/eval/dev-pairs.jsonl"))
  func developmentSetMeetsTheTargets() throws {
    let service = try #require(Self.service)
    try #require(FileManager.default.fileExists(atPath: Self.developmentSet), "the shared evaluation data is missing")
    let report = try EvalReport.run(pairsFile: Self.developmentSet, service: service)
    print("development set:\n" + report.summary(verbose: false))
    #expect(report.accuracy >= 90)
    #expect(report.recall >= 90)
    #expect(report.falseRedLines == 0)
  }

  /// The same bars on pairs nobody tuned on. (Until the red-line model joined the lexicon, one
  /// better reply here was flagged and recall was 79 %; the model's thresholds were chosen on
  /// other data before this set was measured with it.)
  @Test func heldOutSetMeetsTheTargets() throws {
    let service = try #require(Self.service)
    let report = try EvalReport.run(pairsFile: Self.heldOutSet, service: service)
    print("held-out set:\n" + report.summary(verbose: false))
    #expect(report.pairs == 24)
    #expect(report.accuracy >= 90)
    #expect(report.recall >= 90)
    #expect(report.falseRedLines == 0)
  }
}
