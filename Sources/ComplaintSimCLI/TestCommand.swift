import ArgumentParser
import Foundation
import Simulator

/// `complaint-sim test [PATH...]`: run content's golden tests and cue examples.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run scenario golden tests and cue examples; report failures with file:line.",
    discussion: "With paths, only tests defined in files under them run (content is still loaded from the content folders).")

  @Argument(help: "Files or folders whose tests to run.")
  var paths: [String] = []

  @Flag(name: .long, help: "List passing tests too.")
  var verbose = false

  @OptionGroup var content: ContentOptions

  func run() throws {
    let service = try GradingSetup.service(content)
    let filters = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    let results = ContentTester(service: service).run { file in
      filters.isEmpty || filters.contains { URL(fileURLWithPath: file).standardizedFileURL.path.hasPrefix($0) }
    }
    var failed = 0
    for result in results {
      if result.passed {
        if verbose { print("✔ \(result.location): \(result.name)") }
        continue
      }
      failed += 1
      print("✘ \(result.location): \(result.name)")
      for failure in result.failures { print("    \(failure)") }
    }
    print("\(results.count - failed) passed, \(failed) failed")
    if results.isEmpty { throw ValidationError("no tests found under \(paths.joined(separator: ", "))") }
    if failed > 0 { throw ExitCodes.foundWanting }
  }
}

/// `complaint-sim fuzz SCENARIO|--all --runs N [--seed S]`: random play that must never crash.
struct FuzzCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fuzz",
    abstract: "Play random replies against scenarios; report ending distribution and invariant violations.")

  @Argument(help: "The scenario id (or use --all).")
  var scenario: String?

  @Flag(name: .long, help: "Fuzz every scenario.")
  var all = false

  @Option(name: .long, help: "Runs per scenario.")
  var runs = 200

  @Option(name: .long, help: "Seed of the first run.")
  var seed: UInt64 = 1

  @OptionGroup var content: ContentOptions

  func validate() throws {
    if scenario == nil, !all { throw ValidationError("give a SCENARIO id, or --all") }
    if runs < 1 { throw ValidationError("--runs must be at least 1") }
  }

  func run() throws {
    let service = try GradingSetup.service(content)
    let ids = all ? service.scenarioIDs : [scenario ?? ""]
    if let scenario, !all, !service.scenarioIDs.contains(scenario) {
      throw ValidationError(GradingError.unknownScenario(scenario, suggestion: nil).description)
    }
    let fuzzer = ScenarioFuzzer(service: service)
    var violations = 0
    for id in ids {
      let report = fuzzer.fuzz(id, runs: runs, seed: seed)
      let endings = report.endings.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        .map { "\($0.key) \(String(format: "%.0f", Double($0.value) / Double(report.runs) * 100))%" }
      print("\(id): \(report.runs) runs, longest \(report.longestRun) replies; endings: \(endings.joined(separator: ", "))")
      for violation in report.violations { print("  ✘ \(violation)") }
      violations += report.violations.count
    }
    print("\(ids.count * runs - violations) passed, \(violations) failed")
    if violations > 0 { throw ExitCodes.foundWanting }
  }
}
