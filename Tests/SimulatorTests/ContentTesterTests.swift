import Content
import DialogueRuntime
import Simulator
import Testing
import TestSupport

/// Trainers' content tests and random play, run over the shipped scenarios.
@Suite struct ContentTesterTests {
  static let service: GradingService? = {
    ContentLoader().load(paths: ContentLoader.defaultFolders.map(Repository.path)).content.map { GradingService(content: $0) }
  }()

  @Test func everyShippedGoldenTestAndCueExamplePasses() throws {
    let service = try #require(Self.service)
    let results = ContentTester(service: service).run()
    #expect(results.count >= service.content.scenarios.count * 2)
    for result in results where !result.passed {
      Issue.record("\(result.location): \(result.name): \(result.failures.joined(separator: "; "))")
    }
  }

  @Test func aFailingExpectationSaysWhatHappenedAndWhere() throws {
    let service = try #require(Self.service)
    let program = try #require(service.content.scenario("angry-wealth-mis-selling"))
    var test = try #require(program.tests.first)
    test.expectedEnding = "hung-up"
    test.expectedScore = .init(min: 101, max: nil)
    let result = ContentTester(service: service).run(test, in: program)
    #expect(!result.passed)
    #expect(result.location.file.hasSuffix("scenarios/angry-wealth-mis-selling.yaml"))
    #expect(result.failures.contains { $0.hasPrefix("expected ending 'hung-up', got '") })
    #expect(result.failures.contains { $0.hasPrefix("expected score in ≥ 101, got ") })
  }

  @Test(arguments: ContentTesterTests.service?.scenarioIDs ?? [])
  func randomPlayNeverCrashesOrOverrunsTheTurnLimit(_ scenario: String) throws {
    let service = try #require(Self.service)
    let report = ScenarioFuzzer(service: service).fuzz(scenario, runs: 60, seed: 11)
    #expect(report.violations == [])
    #expect(report.endings.values.reduce(0, +) == 60)
    #expect(report.longestRun <= (service.content.scenario(scenario)?.turnLimit ?? 0))
  }
}
