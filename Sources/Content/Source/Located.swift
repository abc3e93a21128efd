import Diagnostics
import Yams

/// A decoded value with the line and column it was written at, so that cross-file checks
/// (an unknown state, a duplicate id) can point at the exact token (STYLE G3).
public struct Located<Value: Decodable & Sendable & Hashable>: Decodable, Sendable, Hashable {
  public var value: Value
  public var line: Int
  public var column: Int

  public init(_ value: Value, line: Int = 1, column: Int = 1) {
    self.value = value
    self.line = line
    self.column = column
  }

  public init(from decoder: any Decoder) throws {
    value = try decoder.singleValueContainer().decode(Value.self)
    line = decoder.mark?.line ?? 1
    column = decoder.mark?.column ?? 1
  }

  /// The position in `file`.
  public func location(in file: String) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }
}

extension Located where Value == String {
  /// How many scalars to underline.
  var length: Int { value.unicodeScalars.count }
}

/// One id or a list of ids, as in `present: empathy` and `present: [empathy, apology]`.
public struct IDList: Decodable, Sendable, Hashable {
  public var items: [Located<String>]

  public init(from decoder: any Decoder) throws {
    if let container = try? decoder.singleValueContainer(), (try? container.decode(String.self)) != nil {
      items = [try Located<String>(from: decoder)]
    } else {
      var container = try decoder.unkeyedContainer()
      var items: [Located<String>] = []
      while !container.isAtEnd { items.append(try container.decode(Located<String>.self)) }
      self.items = items
    }
  }
}
