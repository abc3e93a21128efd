import Diagnostics

/// Persona mood variables need start values inside their bounds; reactions name real cues and
/// real mood variables.
struct PersonaValidator: ContentValidator {
  func validate(_ context: ValidationContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for file in context.sources.personas {
      let persona = file.source
      let path = file.path
      for (name, variable) in persona.mood.sorted(by: { $0.key < $1.key }) {
        if variable.start == nil {
          diagnostics.append(context.diagnostic(
            .missingKey, persona.id, in: path, "missing required key 'start' in mood variable '\(name)'",
            hint: "give every persona mood variable a start value, e.g. '\(name): {start: 50}'"))
        }
        diagnostics += MoodBounds.check(name: name, variable, inherited: nil, at: persona.id, path: path, context)
      }
      let moodNames = Set(persona.mood.keys)
      diagnostics += Self.checkReactions(persona.reactions ?? [], moodNames: moodNames, path: path, context)
      diagnostics += Self.checkMoodChanges(persona.perTurn ?? [:], moodNames: moodNames, fallback: persona.id, path: path, context)
    }
    return diagnostics
  }

  /// Reactions must name real cues and change real mood variables (persona and scenario alike).
  static func checkReactions(
    _ reactions: [ReactionSource], moodNames: Set<String>, path: String, _ context: ValidationContext
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for reaction in reactions {
      if !context.cueIDs.contains(reaction.cue.value) {
        diagnostics.append(context.unknown(.unknownCue, "cue", reaction.cue, in: path, known: context.cueIDs))
      }
      diagnostics += checkMoodChanges(reaction.change ?? [:], moodNames: moodNames, fallback: reaction.cue, path: path, context)
    }
    return diagnostics
  }

  /// Every variable in a `{variable: delta}` map must be a declared mood variable.
  static func checkMoodChanges(
    _ changes: [String: Located<Int>], moodNames: Set<String>, fallback: Located<String>, path: String,
    _ context: ValidationContext
  ) -> [Diagnostic] {
    changes.sorted(by: { $0.key < $1.key }).filter { !moodNames.contains($0.key) }.map { name, delta in
      context.diagnostic(
        .unknownMoodVariable, context.keyLocation(name, before: delta, in: path, fallback: fallback), in: path,
        "unknown mood variable '\(name)'",
        hint: Suggestion.hint(for: name, in: moodNames) ?? "declare it under 'mood'")
    }
  }
}

/// Checks that a mood variable's start value lies within its bounds.
enum MoodBounds {
  static func check(
    name: String, _ variable: MoodVariableSource, inherited: MoodVariableSource?, at token: Located<String>,
    path: String, _ context: ValidationContext
  ) -> [Diagnostic] {
    let minimum = variable.min ?? inherited?.min ?? 0
    let maximum = variable.max ?? inherited?.max ?? 100
    let place = context.keyLocation(name, before: variable.location, in: path, fallback: token)
    if minimum > maximum {
      return [context.diagnostic(
        .moodStartOutOfBounds, place, in: path, "mood variable '\(name)': min \(minimum) is above max \(maximum)")]
    }
    guard let start = variable.start ?? inherited?.start, !(minimum...maximum).contains(start) else { return [] }
    return [context.diagnostic(
      .moodStartOutOfBounds, place, in: path,
      "mood variable '\(name)': start \(start) is outside \(minimum)…\(maximum)", hint: "raise the bounds or change the start")]
  }
}
