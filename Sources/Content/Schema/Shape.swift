/// What a YAML node must look like: the single description from which both validation with
/// precise diagnostics (``ShapeValidator``) and the published JSON Schemas (``JSONSchemaWriter``)
/// are derived, so the two cannot drift apart.
public indirect enum Shape: Sendable {
  /// Free text (any scalar).
  case text
  /// An id or a reference to one: `^[a-z0-9][a-z0-9-]*$`, at most 64 characters.
  case id
  /// One of a fixed set of words.
  case oneOf([String])
  case integer(min: Int?, max: Int?)
  case number(min: Double?, max: Double?)
  case boolean
  /// A list whose items all have the same shape.
  case list(Shape, minItems: Int)
  /// A mapping with known keys.
  case object(ObjectShape)
  /// A mapping from ids (mood variables, dimension ids…) to values of one shape.
  case dictionary(Shape)
  /// Any of several shapes, chosen by the node's type (text, list or mapping).
  case either([Shape])

  /// A list of ids; the usual way to reference several cues, states…
  static var ids: Shape { .list(.id, minItems: 0) }
  /// A list of text.
  static var texts: Shape { .list(.text, minItems: 0) }
  /// An id, or a list of ids (for `present: empathy` as well as `present: [empathy, apology]`).
  static var idOrIDs: Shape { .either([.id, .list(.id, minItems: 1)]) }

  /// The words users see for "expected …" messages.
  var expectation: String {
    switch self {
    case .text: "text"
    case .id: "an id"
    case .oneOf(let words): "one of \(words.joined(separator: ", "))"
    case .integer: "a whole number"
    case .number: "a number"
    case .boolean: "true or false"
    case .list(let item, _): "a list of \(item.pluralExpectation)"
    case .object(let object): "a mapping (\(object.name))"
    case .dictionary: "a mapping"
    case .either(let shapes): shapes.map(\.expectation).joined(separator: " or ")
    }
  }

  private var pluralExpectation: String {
    switch self {
    case .text: "text items"
    case .id: "ids"
    case .object(let object): "mappings (\(object.name))"
    default: "items (\(expectation))"
    }
  }
}

/// The keys of a mapping, with their shapes, which are required, and how keys relate.
public struct ObjectShape: Sendable {
  /// The name used in messages: "unknown key 'x' in state".
  public var name: String
  public var properties: [Property]
  public var constraints: [KeyConstraint]
  /// A one-line description for the JSON Schema (editors show it on hover).
  public var summary: String

  public init(_ name: String, summary: String = "", _ properties: [Property], constraints: [KeyConstraint] = []) {
    self.name = name
    self.summary = summary
    self.properties = properties
    self.constraints = constraints
  }

  func property(_ key: String) -> Property? {
    properties.first { $0.name == key }
  }
}

/// One key of a mapping.
public struct Property: Sendable {
  public var name: String
  public var shape: Shape
  public var isRequired: Bool
  public var summary: String

  /// A key that must be present.
  public static func required(_ name: String, _ shape: Shape, _ summary: String = "") -> Property {
    Property(name: name, shape: shape, isRequired: true, summary: summary)
  }

  /// A key that may be left out; the compiler supplies the default.
  public static func optional(_ name: String, _ shape: Shape, _ summary: String = "") -> Property {
    Property(name: name, shape: shape, isRequired: false, summary: summary)
  }
}

/// A rule about which keys of a mapping go together.
public enum KeyConstraint: Sendable {
  /// Exactly one of these keys must be present (a transition has `to` or `end`).
  case exactlyOne([String])
  /// At least one of these keys must be present (a cue has `patterns` or `detect`).
  case atLeastOne([String])
}
