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
    let reader = try LineReader(path: pairs)
    var report = EvalReport()
    var lineNumber = 0
    while let line = reader.next() {
      lineNumber += 1
      if line.allSatisfy(\.isWhitespace) { continue }
      let pair = try JSONDecoder().decode(LabelledPair.self, from: Data(line.utf8))
      guard let scenario = EvalScenarios.scenario(for: pair.archetype, in: service) else {
        throw ValidationError("line \(lineNumber): no shipped scenario for archetype '\(pair.archetype)'")
      }
      func grade(_ reply: String, _ role: String) throws -> Scorecard {
        let transcript = Transcript(
          id: "\(pair.id)-\(role)", scenario: scenario,
          turns: [.init(speaker: .customer, text: pair.customer), .init(speaker: .trainee, text: reply)])
        return try service.grade(transcript)
      }
      report.add(pair, better: try grade(pair.better, "better"), worse: try grade(pair.worse, "worse"), scenario: scenario)
    }
    print(report.summary(verbose: verbose))
    if let require, !report.meets(require) { throw ExitCodes.foundWanting }
  }
}

/// One labelled pair of the evaluation set.
struct LabelledPair: Decodable {
  var id: String
  var archetype: String
  var customer: String
  var better: String
  var worse: String
  var redLineInWorse: Bool
  var redLineKind: String

  enum CodingKeys: String, CodingKey {
    case id, archetype, customer, better, worse
    case redLineInWorse = "red_line_in_worse"
    case redLineKind = "red_line_kind"
  }
}

/// Which shipped scenario grades a pair of each archetype label.
enum EvalScenarios {
  static func scenario(for label: String, in service: GradingService) -> String? {
    let programs = service.content.scenarios.sorted { $0.id < $1.id }
    if let byArchetype = programs.first(where: { $0.archetype.rawValue == label }) { return byArchetype.id }
    if let byVariant = programs.first(where: { $0.variants.map(\.rawValue).contains(label) }) { return byVariant.id }
    // A variant no shipped scenario carries: the archetype such complaints most often come in.
    let closest = ["media": "angry", "vip": "angry"][label] ?? "angry"
    return programs.first { $0.archetype.rawValue == closest }?.id
  }
}

/// The figures of an evaluation run.
struct EvalReport {
  private(set) var pairs = 0
  private(set) var correct = 0
  private(set) var redLinePairs = 0
  private(set) var redLinesCaught = 0
  private(set) var falseRedLines = 0
  private var byArchetype: [String: (correct: Int, total: Int)] = [:]
  private var byKind: [String: (caught: Int, total: Int)] = [:]
  private var failures: [String] = []

  mutating func add(_ pair: LabelledPair, better: Scorecard, worse: Scorecard, scenario: String) {
    pairs += 1
    let right = better.score > worse.score
    if right { correct += 1 }
    byArchetype[pair.archetype, default: (0, 0)].total += 1
    if right { byArchetype[pair.archetype, default: (0, 0)].correct += 1 }
    if !right {
      failures.append("  \(pair.id) [\(pair.archetype) in \(scenario)]: better \(better.score) ≤ worse \(worse.score)"
        + "\n      better cues: \(Self.cues(better))\n      worse cues:  \(Self.cues(worse))")
    }
    if pair.redLineInWorse {
      redLinePairs += 1
      byKind[pair.redLineKind, default: (0, 0)].total += 1
      if !worse.redLines.isEmpty {
        redLinesCaught += 1
        byKind[pair.redLineKind, default: (0, 0)].caught += 1
      } else {
        failures.append("  \(pair.id): missed red line '\(pair.redLineKind)' in worse reply")
      }
    }
    if !better.redLines.isEmpty {
      falseRedLines += 1
      failures.append("  \(pair.id): false red line on better reply: \(better.redLines.map { "\($0.id) 「\($0.quote)」" })")
    }
  }

  private static func cues(_ card: Scorecard) -> String {
    card.criteria.filter { $0.status == .met || $0.status == .partial }.map(\.id).joined(separator: " ")
      + (card.redLines.isEmpty ? "" : " | red: " + card.redLines.map(\.id).joined(separator: " "))
  }

  var accuracy: Double { pairs == 0 ? 0 : Double(correct) / Double(pairs) * 100 }
  var recall: Double { redLinePairs == 0 ? 100 : Double(redLinesCaught) / Double(redLinePairs) * 100 }

  func meets(_ percent: Double) -> Bool { accuracy >= percent && recall >= percent && falseRedLines == 0 }

  func summary(verbose: Bool) -> String {
    var lines = [
      String(format: "pairwise accuracy: %.1f%% (%d/%d)", accuracy, correct, pairs),
      String(format: "red-line recall on worse replies: %.1f%% (%d/%d)", recall, redLinesCaught, redLinePairs),
      "false red lines on better replies: \(falseRedLines)",
      "by archetype: " + byArchetype.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.correct)/\($0.value.total)" }.joined(separator: ", "),
      "red lines by kind: " + byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.caught)/\($0.value.total)" }.joined(separator: ", "),
    ]
    if verbose, !failures.isEmpty { lines += ["failures:"] + failures }
    return lines.joined(separator: "\n")
  }
}
