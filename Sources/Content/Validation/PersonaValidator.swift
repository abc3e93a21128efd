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
      for reaction in persona.reactions ?? [] {
        if !context.cueIDs.contains(reaction.cue.value) {
          diagnostics.append(context.unknown(.unknownCue, "cue", reaction.cue, in: path, known: context.cueIDs))
        }
        for (name, delta) in (reaction.change ?? [:]).sorted(by: { $0.key < $1.key }) where persona.mood[name] == nil {
          diagnostics.append(context.diagnostic(
            .unknownMoodVariable, context.keyLocation(name, before: delta, in: path, fallback: reaction.cue), in: path,
            "unknown mood variable '\(name)'",
            hint: Suggestion.hint(for: name, in: persona.mood.keys) ?? "declare it under 'mood'"))
        }
      }
    }
    return diagnostics
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
