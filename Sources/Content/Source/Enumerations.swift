import DialogueRuntime

/// The words of each fixed enumeration, taken from the runtime's own enums so that the shapes,
/// the JSON Schemas and the runtime can never disagree.
enum Enumerations {
  static let archetypes = Archetype.allCases.map(\.rawValue)
  static let variants = Variant.allCases.map(\.rawValue)
  static let personalities = Personality.allCases.map(\.rawValue)
  static let motives = Motive.allCases.map(\.rawValue)
  static let industries = Industry.allCases.map(\.rawValue)
  static let difficulties = Difficulty.allCases.map(\.rawValue)
  static let outcomes = Outcome.allCases.map(\.rawValue)
  static let genders = ["male", "female"]
}
