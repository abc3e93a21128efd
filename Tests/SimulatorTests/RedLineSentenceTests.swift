import Content
import Foundation
import Scoring
import Simulator
import Testing
import TestSupport

/// Red-line regression sentences written for this project (eval/redline-sentences): good
/// replies that look dangerous (quoting the customer, refusing with reasons, conditional
/// promises, naming what is withheld) or are merely poor service must never be flagged, and the
/// catalogue of red-line replies must stay caught, by the lexicon and red-line model together.
/// All of them were tuned or trained on, so they guard against regressions; the sealed lists
/// are never run here. Lines are `G|text` or `B kind|text`.
@Suite struct RedLineSentenceTests {
  static let service: GradingService? = {
    ContentLoader().load(paths: ContentLoader.defaultFolders.map(Repository.path)).content.map { GradingService(content: $0) }
  }()

  static func report(_ file: String) throws -> RedLineSentenceReport {
    let service = try #require(Self.service)
    let scenario = try #require(EvalScenarios.scenario(for: "rational", in: service))
    return try RedLineSentenceReport.run(
      sentencesFile: Repository.path("eval/redline-sentences/\(file)"), scenario: scenario, service: service)
  }

  @Test(arguments: ["good.txt", "round2-tune-good.txt", "round3a-good.txt", "round3b-good.txt", "round4a-good.txt", "round4b-good.txt", "round5a-good.txt", "round5b-good.txt", "poor-handling-good.txt"])
  func goodRepliesAreNeverFlagged(_ file: String) throws {
    let report = try Self.report(file)
    #expect(report.good.count >= 150)
    for outcome in report.good where !outcome.found.isEmpty {
      Issue.record("false red line \(outcome.found) on line \(outcome.line): \(outcome.text)")
    }
  }

  @Test(arguments: ["bad.txt", "round2-tune-bad.txt", "round3a-bad.txt", "round3b-bad.txt", "round4a-bad.txt", "round4b-bad.txt", "round5a-bad.txt", "round5b-bad.txt"])
  func redLineRepliesStayCaught(_ file: String) throws {
    let report = try Self.report(file)
    print(report.summary(file: file, verbose: false))
    #expect(report.bad.count >= 140)
    #expect(report.recall >= 90)
  }

  /// The list format is checked: a line without a label is an error naming the line.
  @Test func aMalformedLineIsNamed() throws {
    let service = try #require(Self.service)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sentences-\(UUID().uuidString).txt").path
    try "G|您好\n# a comment\n没有标签的句子\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: EvalError.self) {
      try RedLineSentenceReport.run(sentencesFile: path, scenario: "rational-card-installment-fee", service: service)
    }
  }
}
