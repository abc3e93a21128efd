/// A condition over the customer's mood, compiled from `when:` expressions such as
/// `anger >= 60 and trust < 30`.
public indirect enum Condition: Hashable, Sendable, Codable {
  case compare(Operand, Comparison, Int)
  case and(Condition, Condition)
  case or(Condition, Condition)
  case not(Condition)

  /// What a comparison reads.
  public enum Operand: Hashable, Sendable, Codable {
    /// A mood variable of the customer (or the collective mood of a group).
    case mood(String)
    /// A mood variable of one named speaker in a group scenario.
    case speakerMood(speaker: String, variable: String)
    /// The number of trainee replies so far.
    case turn
  }

  public enum Comparison: String, Hashable, Sendable, Codable, CaseIterable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="

    public func holds(_ lhs: Int, _ rhs: Int) -> Bool {
      switch self {
      case .less: lhs < rhs
      case .lessOrEqual: lhs <= rhs
      case .greater: lhs > rhs
      case .greaterOrEqual: lhs >= rhs
      case .equal: lhs == rhs
      case .notEqual: lhs != rhs
      }
    }
  }

  /// Evaluates the condition, reading operands through `value`.
  public func evaluate(_ value: (Operand) -> Int) -> Bool {
    switch self {
    case .compare(let operand, let comparison, let literal):
      comparison.holds(value(operand), literal)
    case .and(let lhs, let rhs): lhs.evaluate(value) && rhs.evaluate(value)
    case .or(let lhs, let rhs): lhs.evaluate(value) || rhs.evaluate(value)
    case .not(let inner): !inner.evaluate(value)
    }
  }

  /// Every operand the condition reads, for validation.
  public var operands: [Operand] {
    switch self {
    case .compare(let operand, _, _): [operand]
    case .and(let lhs, let rhs), .or(let lhs, let rhs): lhs.operands + rhs.operands
    case .not(let inner): inner.operands
    }
  }
}
