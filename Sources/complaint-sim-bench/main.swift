import ArgumentParser

/// Benchmarks, as a separate executable so that only it carries the allocation counter.
/// Figures are printed, never asserted: performance targets live here, not in unit tests.
struct BenchmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "complaint-sim-bench",
    abstract: "Print performance figures for ComplaintSim. Build with -c release.",
    subcommands: [CheckBenchmark.self, AnalysisBenchmark.self, EngineBenchmark.self])
}

BenchmarkCommand.main()
