import Content
import Diagnostics
import Foundation
import Testing
import TestSupport

/// Each folder in Fixtures/Invalid is named after the rule its files break. Its files are laid
/// over the valid Base fixture, loaded, and the rendered diagnostics must equal the golden
/// `expected.diagnostics` beside them (re-record with RECORD_SNAPSHOTS=1). A fixture without
/// a golden fails (Yarn Spinner's rule), and every fixture must produce at least one diagnostic.
@Suite struct InvalidFixtureTests {
  static let fixtureRoot = Repository.path("Tests/ContentTests/Fixtures/Invalid")
  static let fixtures: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: fixtureRoot)) ?? []).sorted()

  @Test func thereAreFixtures() {
    #expect(Self.fixtures.count >= 10)
  }

  @Test(arguments: InvalidFixtureTests.fixtures)
  func fixtureMatchesItsGoldenDiagnostics(_ name: String) throws {
    let folder = Self.fixtureRoot + "/" + name
    let directory = try TemporaryDirectory()
    try directory.copyContents(of: Repository.path("Tests/ContentTests/Fixtures/Base"))
    try directory.copyContents(of: folder)
    try? FileManager.default.removeItem(atPath: directory.path + "/expected.diagnostics")
    let root = directory.path + "/"
    let result = ContentLoader().load(paths: [root])
    #expect(!result.diagnostics.isEmpty, "\(name) must break a rule")
    let texts = Dictionary(uniqueKeysWithValues: result.texts.map { ($0.key, $0.value) })
    let rendered = DiagnosticRenderer(colored: false, source: { texts[$0] })
      .render(result.diagnostics)
      .replacingOccurrences(of: root, with: "") + "\n"
    let goldenPath = folder + "/expected.diagnostics"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try rendered.write(toFile: goldenPath, atomically: true, encoding: .utf8)
    }
    let golden = try? String(contentsOfFile: goldenPath, encoding: .utf8)
    #expect(golden != nil, "\(name) has no expected.diagnostics; record it with RECORD_SNAPSHOTS=1")
    #expect(rendered == golden, "\(name): diagnostics differ from the golden file")
  }
}
