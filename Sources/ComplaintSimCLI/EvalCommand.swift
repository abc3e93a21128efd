import ArgumentParser
import Foundation
import Scoring
import Simulator

/// `complaint-sim eval PAIRS.jsonl`: measures the grader on labelled pairs of replies (the
/// better reply must score strictly higher; red lines must be caught and never invented).
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Measure the grader on labelled reply pairs: pairwise accuracy and red-line recall.",
    discussion: """
      Each line: {"id", "archetype", "customer", "better", "worse", "red_line_in_worse", "red_line_kind"}.
      Each reply is graded as a one-turn transcript in a shipped scenario of that archetype
      (media/vip items: a scenario with that variant, else the closest archetype).
      """)

  @Argument(help: "The pairs file (JSON Lines).")
  var pairs: String

  @Flag(name: .long, help: "List every pair the grader gets wrong, with both scorecards' key facts.")
  var verbose = false

  @Option(name: .long, help: "Exit 1 unless pairwise accuracy and red-line recall reach this percentage and no better reply has a red line.")
  var require: Double?

  @OptionGroup var content: ContentOptions

  func run() throws {
    let service = try GradingSetup.service(content)
    let report: EvalReport
    do {
      report = try EvalReport.run(pairsFile: pairs, service: service)
    } catch let error as EvalError {
      throw ValidationError(error.description)
    } catch {
      throw ValidationError("cannot read '\(pairs)': \(error.localizedDescription)")
    }
    print(report.summary(verbose: verbose))
    if let require, !report.meets(require) { throw ExitCodes.foundWanting }
  }
}

