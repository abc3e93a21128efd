import Diagnostics
import Yams

/// Checks a YAML node tree against a ``Shape`` and reports every mismatch, with its position:
/// unknown keys (with "did you mean"), missing keys, wrong types, values outside an enumeration
/// or range, malformed ids, empty lists and conflicting keys.
struct ShapeValidator {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []

  init(file: String) {
    self.file = file
  }

  /// Validates `node` and returns all problems found.
  static func validate(_ node: Node, against shape: Shape, file: String) -> [Diagnostic] {
    var validator = ShapeValidator(file: file)
    validator.check(node, shape, key: nil)
    return validator.diagnostics
  }

  private mutating func check(_ node: Node, _ shape: Shape, key: String?) {
    switch shape {
    case .text:
      guard case .scalar = node, node.null == nil || node.isQuoted else {
        return mismatch(node, shape, key: key)
      }
    case .id:
      guard case .scalar(let scalar) = node, node.null == nil else { return mismatch(node, shape, key: key) }
      if !IDRule.isValid(scalar.string) {
        report(.invalidId, at: node, "invalid id '\(scalar.string)'", length: scalar.string.unicodeScalars.count,
               hint: IDRule.advice)
      }
    case .oneOf(let words):
      guard case .scalar(let scalar) = node, node.null == nil else { return mismatch(node, shape, key: key) }
      if !words.contains(scalar.string) {
        report(
          .invalidValue, at: node,
          "'\(scalar.string)' is not one of \(words.joined(separator: ", "))",
          length: scalar.string.unicodeScalars.count,
          hint: Suggestion.hint(for: scalar.string, in: words))
      }
    case .integer(let min, let max):
      guard let value = node.plainInt else { return mismatch(node, shape, key: key) }
      checkRange(node, key, Double(value), min.map(Double.init), max.map(Double.init))
    case .number(let min, let max):
      guard let value = node.plainNumber else { return mismatch(node, shape, key: key) }
      checkRange(node, key, value, min, max)
    case .boolean:
      guard node.plainBool != nil else { return mismatch(node, shape, key: key) }
    case .list(let item, let minItems):
      guard case .sequence(let sequence) = node else { return mismatch(node, shape, key: key) }
      if sequence.count < minItems {
        let name = key.map { "'\($0)' " } ?? ""
        report(.emptyList, at: node, "\(name)needs at least \(minItems) item(s), found \(sequence.count)")
      }
      for element in sequence { check(element, item, key: key) }
    case .object(let object):
      checkObject(node, object, key: key)
    case .dictionary(let value):
      guard case .mapping(let mapping) = node else { return mismatch(node, shape, key: key) }
      for (key, element) in mapping {
        check(key, .id, key: nil)
        check(element, value, key: key.string)
      }
    case .either(let shapes):
      guard let chosen = shapes.first(where: { $0.accepts(kindOf: node) }) else {
        return mismatch(node, shape, key: key)
      }
      check(node, chosen, key: key)
    }
  }

  private mutating func checkObject(_ node: Node, _ object: ObjectShape, key: String?) {
    guard case .mapping(let mapping) = node else { return mismatch(node, .object(object), key: key) }
    var present: Set<String> = []
    var keyNodes: [String: Node] = [:]
    for (key, value) in mapping {
      guard case .scalar(let scalar) = key else {
        report(.wrongType, at: key, "expected a plain key in \(object.name), found \(key.kindDescription)")
        continue
      }
      let name = scalar.string
      guard let property = object.property(name) else {
        report(
          .unknownKey, at: key, "unknown key '\(name)' in \(object.name)",
          length: name.unicodeScalars.count,
          hint: KnownMistakes.hint(for: name, in: object)
            ?? Suggestion.hint(for: name, in: object.properties.map(\.name))
            ?? "allowed keys: \(object.properties.map(\.name).joined(separator: ", "))")
        continue
      }
      present.insert(name)
      keyNodes[name] = key
      check(value, property.shape, key: name)
    }
    for property in object.properties where property.isRequired && !present.contains(property.name) {
      report(.missingKey, at: node, "missing required key '\(property.name)' in \(object.name)")
    }
    for constraint in object.constraints {
      switch constraint {
      case .exactlyOne(let keys):
        let found = keys.filter(present.contains)
        if found.count != 1 {
          let problem =
            found.isEmpty
            ? "\(object.name) needs one of \(keys.joined(separator: ", "))"
            : "\(object.name) has \(found.map { "'\($0)'" }.joined(separator: " and ")); keep only one"
          // Point at the key to remove when there are several, else at the mapping.
          report(.conflictingKeys, at: found.count > 1 ? keyNodes[found[1]] ?? node : node, problem,
                 length: found.count > 1 ? found[1].count : 1)
        }
      case .atLeastOne(let keys):
        if !keys.contains(where: present.contains) {
          let list = keys.map { "'\($0)'" }.joined(separator: " or ")
          report(.conflictingKeys, at: node, "\(object.name) needs at least one of \(list)")
        }
      }
    }
  }

  private mutating func checkRange(_ node: Node, _ key: String?, _ value: Double, _ min: Double?, _ max: Double?) {
    let subject = key.map { "'\($0)' is \(node.string ?? "")" } ?? (node.string ?? "")
    let length = (node.string ?? "").unicodeScalars.count
    if let min, value < min {
      report(.valueOutOfRange, at: node, "\(subject), below the minimum \(min.compact)", length: length)
    } else if let max, value > max {
      report(.valueOutOfRange, at: node, "\(subject), above the maximum \(max.compact)", length: length)
    }
  }

  private mutating func mismatch(_ node: Node, _ shape: Shape, key: String? = nil) {
    let place = key.map { " for '\($0)'" } ?? ""
    report(.wrongType, at: node, "expected \(shape.expectation)\(place), found \(node.kindDescription)")
  }

  private mutating func report(
    _ code: DiagnosticCode, at node: Node, _ message: String, length: Int = 1, hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(code, at: node.location(in: file), message: message, length: length, hint: hint))
  }
}

extension Shape {
  /// Whether a node is of the broad kind (scalar, list, mapping) this shape needs.
  func accepts(kindOf node: Node) -> Bool {
    switch (self, node) {
    case (.boolean, .scalar): node.plainBool != nil
    case (.integer, .scalar): node.plainInt != nil
    case (.number, .scalar): node.plainNumber != nil
    case (.text, .scalar), (.id, .scalar), (.oneOf, .scalar): true
    case (.list, .sequence): true
    case (.object, .mapping), (.dictionary, .mapping): true
    case (.either(let shapes), _): shapes.contains { $0.accepts(kindOf: node) }
    default: false
    }
  }
}

/// The id syntax shared by every referenceable thing.
enum IDRule {
  static let maximumLength = 64
  static let advice = "ids use lowercase a-z, 0-9 and '-', start with a letter or digit, at most 64 characters"

  static func isValid(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= maximumLength else { return false }
    let allowed: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    return first != "-" && id.unicodeScalars.allSatisfy(allowed)
  }
}

extension Double {
  /// "5" rather than "5.0" in messages.
  var compact: String {
    rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
  }
}

/// Keys people write from habit that edit distance cannot map to ours.
enum KnownMistakes {
  static func hint(for key: String, in object: ObjectShape) -> String? {
    if key == "on", object.property("cues") != nil {
      return "write 'cues:' instead ('on' is read as true by YAML 1.1 tools such as PyYAML)"
    }
    if key == "no_match", object.property("noMatch") != nil { return "did you mean 'noMatch'?" }
    return nil
  }
}
