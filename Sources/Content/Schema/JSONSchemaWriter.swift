import Foundation

/// Emits a JSON Schema (draft 2020-12) for a content kind from its ``Shape``, so editors with
/// the YAML language server autocomplete keys and flag mistakes as trainers type.
public enum JSONSchemaWriter {
  /// The schema of `kind` as pretty-printed JSON with sorted keys (stable for diffs).
  public static func schema(for kind: ContentKind) -> String {
    var root = object(kind.shape)
    root["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
    root["$id"] = .string("https://complaintsim.local/schemas/\(kind.rawValue).schema.json")
    root["title"] = .string("ComplaintSim \(kind.rawValue) (schemaVersion \(ContentKind.schemaVersion))")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(JSONValue.object(root))) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  private static func object(_ shape: ObjectShape) -> [String: JSONValue] {
    var properties: [String: JSONValue] = [:]
    for property in shape.properties {
      var schema = describe(property.shape)
      if !property.summary.isEmpty { schema["description"] = .string(property.summary) }
      properties[property.name] = .object(schema)
    }
    var result: [String: JSONValue] = [
      "type": "object",
      "properties": .object(properties),
      "additionalProperties": .bool(false),
    ]
    let required = shape.properties.filter(\.isRequired).map { JSONValue.string($0.name) }
    if !required.isEmpty { result["required"] = .array(required) }
    if !shape.summary.isEmpty { result["description"] = .string(shape.summary) }
    var all: [JSONValue] = []
    for constraint in shape.constraints {
      switch constraint {
      case .exactlyOne(let keys):
        all.append(.object(["oneOf": .array(keys.map { .object(["required": .array([.string($0)])]) })]))
      case .atLeastOne(let keys):
        all.append(.object(["anyOf": .array(keys.map { .object(["required": .array([.string($0)])]) })]))
      }
    }
    if all.count == 1, case .object(let only) = all[0] {
      result.merge(only) { first, _ in first }
    } else if !all.isEmpty {
      result["allOf"] = .array(all)
    }
    return result
  }

  private static func describe(_ shape: Shape) -> [String: JSONValue] {
    switch shape {
    case .text:
      return ["type": .array(["string", "number", "boolean"])]
    case .id:
      return ["type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": .number(Double(IDRule.maximumLength))]
    case .oneOf(let words):
      return ["enum": .array(words.map(JSONValue.string))]
    case .integer(let min, let max):
      var result: [String: JSONValue] = ["type": "integer"]
      if let min { result["minimum"] = .number(Double(min)) }
      if let max { result["maximum"] = .number(Double(max)) }
      return result
    case .number(let min, let max):
      var result: [String: JSONValue] = ["type": "number"]
      if let min { result["minimum"] = .number(min) }
      if let max { result["maximum"] = .number(max) }
      return result
    case .boolean:
      return ["type": "boolean"]
    case .list(let item, let minItems):
      var result: [String: JSONValue] = ["type": "array", "items": .object(describe(item))]
      if minItems > 0 { result["minItems"] = .number(Double(minItems)) }
      return result
    case .object(let object):
      return self.object(object)
    case .dictionary(let value):
      return [
        "type": "object",
        "propertyNames": .object(["pattern": "^[a-z0-9][a-z0-9-]*$"]),
        "additionalProperties": .object(describe(value)),
      ]
    case .either(let shapes):
      return ["anyOf": .array(shapes.map { .object(describe($0)) })]
    }
  }
}

/// A JSON value, for writing schemas with stable key order.
enum JSONValue: Encodable, ExpressibleByStringLiteral {
  case string(String)
  case number(Double)
  case bool(Bool)
  case array([JSONValue])
  case object([String: JSONValue])

  init(stringLiteral value: String) { self = .string(value) }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .number(let value):
      if value.rounded() == value, abs(value) < 1e15 { try container.encode(Int(value)) } else { try container.encode(value) }
    case .bool(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }
}

extension JSONValue: ExpressibleByArrayLiteral {
  init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}
