import DialogueRuntime

/// Parses `when:` expressions (`anger >= 60 and not (trust < 30)`) into a ``Condition``.
///
/// Hand-written recursive descent: the grammar is six rules long, and a parser library would
/// not give column-exact errors for a string embedded in YAML any better.
///
/// ```
/// expression := conjunction ("or" conjunction)*
/// conjunction := negation ("and" negation)*
/// negation   := "not" negation | "(" expression ")" | comparison
/// comparison := operand ("<" | "<=" | ">" | ">=" | "==" | "!=") integer
/// operand    := name | name "." name | "turn"
/// ```
struct ConditionParser {
  /// A problem with the offset (in Unicode scalars) where it was found.
  struct Failure: Error, Equatable {
    var offset: Int
    var length: Int
    var problem: String
  }

  private enum Token: Equatable {
    case name(String)
    case number(Int)
    case comparison(Condition.Comparison)
    case open, close
    case and, or, not
  }

  private var tokens: [(token: Token, offset: Int, length: Int)] = []
  private var position = 0
  private let endOffset: Int

  private init(_ text: String) throws(Failure) {
    let scalars = Array(text.unicodeScalars)
    endOffset = scalars.count
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      let start = index
      if scalar == " " || scalar == "\t" {
        index += 1
        continue
      }
      if scalar == "(" || scalar == ")" {
        tokens.append((scalar == "(" ? .open : .close, start, 1))
        index += 1
      } else if "<>=!".unicodeScalars.contains(scalar) {
        var symbol = String(scalar)
        if index + 1 < scalars.count, "<>=!".unicodeScalars.contains(scalars[index + 1]) {
          symbol.unicodeScalars.append(scalars[index + 1])
        }
        guard let comparison = Condition.Comparison(rawValue: symbol) else {
          throw Failure(offset: start, length: symbol.count, problem: "unknown operator '\(symbol)'; use <, <=, >, >=, == or !=")
        }
        tokens.append((.comparison(comparison), start, symbol.count))
        index += symbol.count
      } else if scalar == "-" || ("0"..."9").contains(scalar) {
        index += 1
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        let literal = String(String.UnicodeScalarView(scalars[start..<index]))
        guard let value = Int(literal) else {
          throw Failure(offset: start, length: index - start, problem: "'\(literal)' is not a whole number")
        }
        tokens.append((.number(value), start, index - start))
      } else if scalar.properties.isAlphabetic || scalar == "_" {
        while index < scalars.count,
          scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index])
            || scalars[index] == "_" || scalars[index] == "-" || scalars[index] == "."
        {
          index += 1
        }
        let word = String(String.UnicodeScalarView(scalars[start..<index]))
        let token: Token =
          switch word {
          case "and": .and
          case "or": .or
          case "not": .not
          default: .name(word)
          }
        tokens.append((token, start, index - start))
      } else {
        throw Failure(offset: start, length: 1, problem: "unexpected character '\(scalar)'")
      }
    }
  }

  /// Parses a whole expression.
  static func parse(_ text: String) throws(Failure) -> Condition {
    var parser = try ConditionParser(text)
    guard !parser.tokens.isEmpty else {
      throw Failure(offset: 0, length: 1, problem: "empty condition; write e.g. 'anger < 60'")
    }
    let condition = try parser.expression()
    if parser.position < parser.tokens.count {
      let extra = parser.tokens[parser.position]
      throw Failure(offset: extra.offset, length: extra.length, problem: "unexpected text after the condition; join conditions with 'and' or 'or'")
    }
    return condition
  }

  private mutating func expression() throws(Failure) -> Condition {
    var result = try conjunction()
    while accept(.or) { result = .or(result, try conjunction()) }
    return result
  }

  private mutating func conjunction() throws(Failure) -> Condition {
    var result = try negation()
    while accept(.and) { result = .and(result, try negation()) }
    return result
  }

  private mutating func negation() throws(Failure) -> Condition {
    if accept(.not) { return .not(try negation()) }
    if accept(.open) {
      let inner = try expression()
      guard accept(.close) else { throw failure("missing ')'") }
      return inner
    }
    return try comparison()
  }

  private mutating func comparison() throws(Failure) -> Condition {
    guard position < tokens.count, case .name(let name) = tokens[position].token else {
      throw failure("expected a mood variable such as 'anger', or 'turn'")
    }
    position += 1
    let operand: Condition.Operand
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    if name == "turn" {
      operand = .turn
    } else if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
      operand = .speakerMood(speaker: String(parts[0]), variable: String(parts[1]))
    } else {
      operand = .mood(name)
    }
    guard position < tokens.count, case .comparison(let comparison) = tokens[position].token else {
      throw failure("expected a comparison (<, <=, >, >=, ==, !=) after '\(name)'")
    }
    position += 1
    guard position < tokens.count, case .number(let value) = tokens[position].token else {
      throw failure("expected a whole number after '\(comparison.rawValue)'")
    }
    position += 1
    return .compare(operand, comparison, value)
  }

  private mutating func accept(_ token: Token) -> Bool {
    guard position < tokens.count, tokens[position].token == token else { return false }
    position += 1
    return true
  }

  private func failure(_ problem: String) -> Failure {
    if position < tokens.count {
      return Failure(offset: tokens[position].offset, length: tokens[position].length, problem: problem)
    }
    return Failure(offset: endOffset, length: 1, problem: problem + " (the condition ends too early)")
  }

  /// The operands of a condition with the offsets where their names are written.
  static func operandOffsets(in text: String) -> [String: Int] {
    guard let parser = try? ConditionParser(text) else { return [:] }
    var offsets: [String: Int] = [:]
    for entry in parser.tokens {
      if case .name(let name) = entry.token, offsets[name] == nil { offsets[name] = entry.offset }
    }
    return offsets
  }
}
