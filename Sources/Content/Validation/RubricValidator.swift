import Diagnostics

/// Rubric rules must name existing cues and carry the options their kind needs.
struct RubricValidator: ContentValidator {
  func validate(_ context: ValidationContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for file in context.sources.rubrics {
      let path = file.path
      func checkCue(_ cue: Located<String>) {
        if !context.cueIDs.contains(cue.value) {
          diagnostics.append(context.unknown(.unknownCue, "cue", cue, in: path, known: context.cueIDs))
        }
      }
      for criterion in file.source.dimensions.flatMap(\.criteria) {
        let rule = criterion.rule
        let cues = (rule.present?.items ?? []) + (rule.absent?.items ?? []) + (rule.penalty?.items ?? [])
          + [rule.ordering?.first, rule.ordering?.before].compactMap { $0 }
        cues.forEach(checkCue)
        if rule.count != nil, rule.present == nil {
          diagnostics.append(misplaced("count", "present", criterion, path, context))
        }
        if rule.penalty == nil {
          if rule.each != nil { diagnostics.append(misplaced("each", "penalty", criterion, path, context)) }
          if rule.cap != nil { diagnostics.append(misplaced("cap", "penalty", criterion, path, context)) }
        } else if rule.each == nil {
          diagnostics.append(context.diagnostic(
            .missingKey, criterion.id, in: path,
            "missing required key 'each' in the penalty rule of criterion '\(criterion.id.value)'",
            hint: "say how many points each occurrence costs, e.g. 'each: 2'"))
        }
      }
      for redLine in file.source.redLines ?? [] {
        redLine.cues.forEach(checkCue)
      }
    }
    return diagnostics
  }

  private func misplaced(
    _ key: String, _ rule: String, _ criterion: CriterionSource, _ path: String, _ context: ValidationContext
  ) -> Diagnostic {
    context.diagnostic(
      .conflictingKeys, criterion.id, in: path,
      "'\(key)' belongs to a '\(rule)' rule, but criterion '\(criterion.id.value)' has another rule",
      hint: "remove '\(key)'")
  }
}
