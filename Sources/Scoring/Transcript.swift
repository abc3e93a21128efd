import Foundation

/// A conversation as exchanged with outside tools (PRODUCT.md contract): the input of `grade`,
/// the output of `play --transcript`. One JSON object per line.
public struct Transcript: Codable, Sendable, Hashable {
  public var id: String
  public var scenario: String?
  /// The seed the drill used for the customer's line variants (an extension of the contract;
  /// endings and mood do not depend on it, only which variant of a line was said).
  public var seed: UInt64?
  public var turns: [Turn]

  public init(id: String, scenario: String?, seed: UInt64? = nil, turns: [Turn]) {
    self.id = id
    self.scenario = scenario
    self.seed = seed
    self.turns = turns
  }

  public struct Turn: Codable, Sendable, Hashable {
    public var speaker: Speaker
    public var text: String
    /// When the turn was sent (RFC 3339), if known: used by timing criteria.
    public var at: Date?

    public init(speaker: Speaker, text: String, at: Date? = nil) {
      self.speaker = speaker
      self.text = text
      self.at = at
    }
  }

  public enum Speaker: String, Codable, Sendable, Hashable {
    case customer
    case trainee
  }

  /// The trainee's turns in order, with their trainee-turn numbers (1-based).
  public var traineeTurns: [(number: Int, turn: Turn)] {
    turns.filter { $0.speaker == .trainee }.enumerated().map { ($0.offset + 1, $0.element) }
  }
}

extension Transcript {
  /// A JSON decoder for the transcript contract (RFC 3339 `at`, with or without fractions).
  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let text = try decoder.singleValueContainer().decode(String.self)
      if let date = RFC3339.parse(text) { return date }
      throw DecodingError.dataCorrupted(.init(
        codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an RFC 3339 time such as 2026-11-20T09:30:05Z"))
    }
    return decoder
  }

  /// A JSON encoder matching ``decoder()``.
  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(RFC3339.format(date))
    }
    return encoder
  }
}

/// RFC 3339 timestamps, as the transcript contract uses them.
public enum RFC3339 {
  public static func parse(_ text: String) -> Date? {
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    if let date = plain.date(from: text) { return date }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: text)
  }

  public static func format(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}
