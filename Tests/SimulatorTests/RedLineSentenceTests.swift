import Content
import Foundation
import Scoring
import Simulator
import Testing
import TestSupport

/// Red-line regression sentences written for this project (eval/redline-sentences): good
/// replies that look dangerous (quoting the customer, refusing with reasons, conditional
/// promises, naming what is withheld) must never be flagged, and the catalogue of red-line
/// replies must stay caught. Lines are `G|text` or `B kind|text`.
@Suite struct RedLineSentenceTests {
  static let service: GradingService? = {
    ContentLoader().load(paths: ContentLoader.defaultFolders.map(Repository.path)).content.map { GradingService(content: $0) }
  }()

  static func sentences(_ file: String) throws -> [String] {
    try String(contentsOfFile: Repository.path("eval/redline-sentences/\(file)"), encoding: .utf8)
      .split(separator: "\n").compactMap { line in line.split(separator: "|", maxSplits: 1).last.map(String.init) }
  }

  static func redLines(_ text: String, _ service: GradingService) throws -> [RedLineHit] {
    try service.grade(Transcript(
      id: "s", scenario: "rational-card-installment-fee",
      turns: [.init(speaker: .customer, text: "请你说明一下。"), .init(speaker: .trainee, text: text)])).redLines
  }

  @Test func goodRepliesAreNeverFlagged() throws {
    let service = try #require(Self.service)
    let good = try Self.sentences("good.txt")
    #expect(good.count >= 500)
    for text in good {
      let hits = try Self.redLines(text, service)
      #expect(hits.isEmpty, "false red line \(hits.map(\.id)) on: \(text)")
    }
  }

  @Test func redLineRepliesStayCaught() throws {
    let service = try #require(Self.service)
    let bad = try Self.sentences("bad.txt")
    let caught = try bad.filter { try !Self.redLines($0, service).isEmpty }.count
    print("red-line sentences caught: \(caught)/\(bad.count)")
    #expect(Double(caught) / Double(bad.count) >= 0.9)
  }
}
