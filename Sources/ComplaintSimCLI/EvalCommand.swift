import ArgumentParser
import Foundation
import Scoring
import Simulator

/// `complaint-sim eval PAIRS.jsonl`: measures the grader on labelled pairs of replies (the
/// better reply must score strictly higher; red lines must be caught and never invented).
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Measure the grader on labelled reply pairs (pairwise accuracy, red-line recall) or on red-line sentence lists.",
    discussion: """
      A pairs file (.jsonl), one pair per line: {"id", "archetype", "customer", "better", "worse",
      "red_line_in_worse", "red_line_kind"}. Each reply is graded as a one-turn transcript in a
      shipped scenario of that archetype (media/vip items: a scenario with that variant, else the
      closest archetype).
      A sentence list (any other file), one reply per line: 'B kind|reply' for a reply that
      crosses a red line, 'G|reply' for one that must not be flagged; '#' starts a comment.
      """)

  @Argument(help: "Pairs files (.jsonl) or red-line sentence lists.")
  var files: [String]

  @Flag(name: .long, help: "List every pair the grader gets wrong, with both scorecards' key facts.")
  var verbose = false

  @Option(name: .long, help: "Exit 1 unless pairwise accuracy and red-line recall reach this percentage and no better reply has a red line.")
  var require: Double?

  @OptionGroup var content: ContentOptions

  @Option(name: .long, help: "The scenario sentence lists are graded in (default: the first shipped rational scenario).")
  var scenario: String?

  @Flag(name: .long, help: "Decide red lines by the lexicon alone, without the red-line model (to compare the two).")
  var lexiconOnly = false

  func run() throws {
    let service = try GradingSetup.service(content, redLineModel: !lexiconOnly)
    var wanting = false
    for file in files {
      do {
        if file.hasSuffix(".jsonl") {
          let report = try EvalReport.run(pairsFile: file, service: service)
          print(report.summary(verbose: verbose))
          if let require, !report.meets(require) { wanting = true }
        } else {
          guard let scenario = scenario ?? EvalScenarios.scenario(for: "rational", in: service) else {
            throw ValidationError("no scenario to grade sentences in; pass --scenario ID")
          }
          let report = try RedLineSentenceReport.run(sentencesFile: file, scenario: scenario, service: service)
          print(report.summary(file: file, verbose: verbose))
          if let require, report.recall < require || report.falselyFlagged > 0 { wanting = true }
        }
      } catch let error as EvalError {
        throw ValidationError("\(file): \(error.description)")
      } catch let error as GradingError {
        throw ValidationError("\(file): \(error)")
      } catch let error as ValidationError {
        throw error
      } catch {
        throw ValidationError("cannot read '\(file)': \(error.localizedDescription)")
      }
    }
    if wanting { throw ExitCodes.foundWanting }
  }
}

