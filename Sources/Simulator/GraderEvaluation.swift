import Foundation
import Scoring

/// One labelled pair of the evaluation set.
public struct LabelledPair: Decodable, Sendable {
  public var id: String
  public var archetype: String
  public var customer: String
  public var better: String
  public var worse: String
  public var redLineInWorse: Bool
  public var redLineKind: String

  enum CodingKeys: String, CodingKey {
    case id, archetype, customer, better, worse
    case redLineInWorse = "red_line_in_worse"
    case redLineKind = "red_line_kind"
  }
}

/// Which shipped scenario grades a pair of each archetype label.
public enum EvalScenarios {
  public static func scenario(for label: String, in service: GradingService) -> String? {
    let programs = service.content.scenarios.sorted { $0.id < $1.id }
    if let byArchetype = programs.first(where: { $0.archetype.rawValue == label }) { return byArchetype.id }
    if let byVariant = programs.first(where: { $0.variants.map(\.rawValue).contains(label) }) { return byVariant.id }
    // A variant no shipped scenario carries: the archetype such complaints most often come in.
    let closest = ["media": "angry", "vip": "angry"][label] ?? "angry"
    return programs.first { $0.archetype.rawValue == closest }?.id
  }
}

/// The figures of an evaluation run.
public struct EvalReport: Sendable {
  public private(set) var pairs = 0
  public private(set) var correct = 0
  public private(set) var redLinePairs = 0
  public private(set) var redLinesCaught = 0
  public private(set) var falseRedLines = 0
  private var byArchetype: [String: (correct: Int, total: Int)] = [:]
  private var byKind: [String: (caught: Int, total: Int)] = [:]
  private var failures: [String] = []

  public init() {}

  public mutating func add(_ pair: LabelledPair, better: Scorecard, worse: Scorecard, scenario: String) {
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

  public var accuracy: Double { pairs == 0 ? 0 : Double(correct) / Double(pairs) * 100 }
  public var recall: Double { redLinePairs == 0 ? 100 : Double(redLinesCaught) / Double(redLinePairs) * 100 }

  public func meets(_ percent: Double) -> Bool { accuracy >= percent && recall >= percent && falseRedLines == 0 }

  public func summary(verbose: Bool) -> String {
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

extension EvalReport {
  /// Grades every pair of a JSON Lines file: each reply as a one-turn transcript in a shipped
  /// scenario of the pair's archetype.
  public static func run(pairsFile path: String, service: GradingService) throws -> EvalReport {
    var report = EvalReport()
    let text = try String(contentsOfFile: path, encoding: .utf8)
    for (number, line) in text.split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
      let pair: LabelledPair
      do {
        pair = try JSONDecoder().decode(LabelledPair.self, from: Data(line.utf8))
      } catch {
        throw EvalError.malformedLine(number + 1, "\(error)")
      }
      guard let scenario = EvalScenarios.scenario(for: pair.archetype, in: service) else {
        throw EvalError.noScenario(number + 1, pair.archetype)
      }
      func grade(_ reply: String, _ role: String) throws -> Scorecard {
        try service.grade(Transcript(
          id: "\(pair.id)-\(role)", scenario: scenario,
          turns: [.init(speaker: .customer, text: pair.customer), .init(speaker: .trainee, text: reply)]))
      }
      report.add(pair, better: try grade(pair.better, "better"), worse: try grade(pair.worse, "worse"), scenario: scenario)
    }
    return report
  }
}

/// Why an evaluation file could not be used.
public enum EvalError: Error, CustomStringConvertible {
  case malformedLine(Int, String)
  case noScenario(Int, String)

  public var description: String {
    switch self {
    case .malformedLine(let line, let reason): "line \(line): not a labelled pair: \(reason)"
    case .noScenario(let line, let archetype): "line \(line): no shipped scenario for archetype '\(archetype)'"
    }
  }
}
