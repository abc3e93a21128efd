import Foundation
import Scoring

/// Red-line checks over a list of single replies, one per line: `B kind|text` for a reply that
/// crosses a red line of that kind, `G|text` for one that must not be flagged. Trainers keep
/// such lists next to their lexicon, so a change to patterns shows at once what it catches and
/// what it starts to flag by mistake.
public struct RedLineSentenceReport: Sendable {
  /// One reply and what the grader made of it.
  public struct Outcome: Sendable {
    public var line: Int
    public var text: String
    /// The red-line kind the list expects (nil for a good reply).
    public var expected: String?
    /// The red lines the grader found.
    public var found: [String]
  }

  public private(set) var outcomes: [Outcome] = []

  public var bad: [Outcome] { outcomes.filter { $0.expected != nil } }
  public var good: [Outcome] { outcomes.filter { $0.expected == nil } }
  public var caught: Int { bad.filter { !$0.found.isEmpty }.count }
  public var falselyFlagged: Int { good.filter { !$0.found.isEmpty }.count }
  public var recall: Double { bad.isEmpty ? 100 : Double(caught) * 100 / Double(bad.count) }

  /// Grades each reply of `path` as a one-turn transcript in `scenario`.
  public static func run(sentencesFile path: String, scenario: String, service: GradingService) throws -> RedLineSentenceReport {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var report = RedLineSentenceReport()
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
      let parts = trimmed.split(separator: "|", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[1].isEmpty, parts[0] == "G" || parts[0].hasPrefix("B ") else {
        throw EvalError.malformedLine(index + 1, "expected 'G|reply' or 'B kind|reply'")
      }
      let expected = parts[0] == "G" ? nil : String(parts[0].dropFirst(2)).trimmingCharacters(in: .whitespaces)
      let card = try service.grade(Transcript(
        id: "line-\(index + 1)", scenario: scenario,
        turns: [.init(speaker: .customer, text: "请你说明一下。"), .init(speaker: .trainee, text: parts[1])]))
      report.outcomes.append(Outcome(line: index + 1, text: parts[1], expected: expected, found: card.redLines.map(\.id)))
    }
    return report
  }

  /// Recall per kind and false flags; with `verbose`, every miss and every false flag.
  public func summary(file: String, verbose: Bool) -> String {
    var lines: [String] = []
    if !bad.isEmpty {
      lines.append(String(format: "%@: red-line replies caught: %.1f%% (%d/%d)", file, recall, caught, bad.count))
      let kinds = Dictionary(grouping: bad, by: { $0.expected ?? "" })
      lines.append("  by kind: " + kinds.keys.sorted().map { kind in
        let group = kinds[kind] ?? []
        return "\(kind) \(group.filter { !$0.found.isEmpty }.count)/\(group.count)"
      }.joined(separator: ", "))
    }
    if !good.isEmpty {
      lines.append("\(file): good replies flagged: \(falselyFlagged)/\(good.count)")
    }
    if verbose {
      for outcome in bad where outcome.found.isEmpty {
        lines.append("  missed (line \(outcome.line), \(outcome.expected ?? "")): \(outcome.text)")
      }
      for outcome in good where !outcome.found.isEmpty {
        lines.append("  flagged \(outcome.found.joined(separator: ",")) (line \(outcome.line)): \(outcome.text)")
      }
    }
    return lines.joined(separator: "\n")
  }
}
