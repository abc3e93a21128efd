import Diagnostics
import Foundation
import Scoring

/// The human-readable scorecard of `grade --explain` (and the drill): the score, red lines,
/// each dimension, and for each criterion the trainee's own words and the course's wording.
struct ScorecardRenderer {
  var colored: Bool

  private func paint(_ text: String, _ code: String) -> String {
    colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  func render(_ card: Scorecard) -> String {
    var lines: [String] = []
    let verdict = card.passed ? paint("通过", "1;32") : paint("未通过", "1;31")
    lines.append(paint("成绩单 \(card.id)", "1") + "  场景：\(card.scenario)")
    lines.append("得分：\(format(card.score)) / 100（及格线 \(format(card.passMark))）  \(verdict)")
    if let ending = card.ending { lines.append("结局：\(ending)") }
    if !card.redLines.isEmpty {
      lines.append(paint("触碰红线（一票否决）：", "1;31"))
      for hit in card.redLines {
        lines.append("  ✗ 第\(hit.turn)轮 \(hit.title)：「\(hit.quote)」")
        lines.append("    \(hit.feedback)")
      }
    }
    for dimension in card.dimensions where dimension.max > 0 {
      lines.append("")
      lines.append(paint("\(dimension.title)  \(format(dimension.score)) / \(format(dimension.max))", "1"))
      for criterion in card.criteria where criterion.dimension == dimension.id && criterion.status != .notApplicable {
        let mark =
          switch criterion.status {
          case .met: paint("✓", "32")
          case .partial: paint("◐", "33")
          default: paint("✗", "31")
          }
        lines.append("  \(mark) \(criterion.title)  \(format(criterion.points))/\(format(criterion.max))")
        for evidence in criterion.evidence {
          lines.append("      第\(evidence.turn)轮：「\(evidence.quote)」")
        }
        if criterion.status != .met {
          lines.append("      课程要求：\(criterion.feedback)")
          if let model = criterion.model { lines.append("      参考说法：\(model)") }
        }
      }
    }
    if !card.notes.isEmpty {
      lines.append("")
      lines += card.notes.map { "注：\($0)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func format(_ value: Double) -> String { value.compactDisplay }
}

extension Double {
  /// "72.5", or "80" for whole numbers.
  var compactDisplay: String {
    rounded() == self ? String(Int(self)) : String(format: "%.1f", self)
  }
}
