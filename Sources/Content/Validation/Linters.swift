import DialogueRuntime
import Diagnostics
import TextAnalysis

/// Warns about scenario states nobody can reach, endings no transition leads to, and states a
/// conversation can never leave (it would only end at the turn limit).
struct ReachabilityLinter: ContentValidator {
  func validate(_ context: ValidationContext) -> [Diagnostic] {
    context.sources.scenarios.flatMap { lint($0.source, path: $0.path, context) }
  }

  private func lint(_ scenario: ScenarioSource, path: String, _ context: ValidationContext) -> [Diagnostic] {
    let states = Dictionary(scenario.states.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
    guard let start = scenario.start?.value ?? scenario.states.first?.id.value, states[start] != nil else { return [] }
    let everyState = scenario.everyState ?? []
    // With a broken target the graph is unknown; the unknown-target error is enough.
    let endingIDs = Set(scenario.endings.map(\.id.value))
    let allTransitions = everyState + scenario.states.flatMap { $0.transitions ?? [] }
    if allTransitions.contains(where: { ($0.to.map { states[$0.value] == nil } ?? false) || ($0.end.map { !endingIDs.contains($0.value) } ?? false) }) {
      return []
    }
    var reached: Set<String> = [start]
    var endings: Set<String> = Set(everyState.compactMap(\.end?.value))
    var queue = [start]
    for target in everyState.compactMap(\.to?.value) where states[target] != nil && reached.insert(target).inserted {
      queue.append(target)
    }
    while let id = queue.popLast() {
      for transition in states[id]?.transitions ?? [] {
        if let end = transition.end?.value { endings.insert(end) }
        if let target = transition.to?.value, states[target] != nil, reached.insert(target).inserted {
          queue.append(target)
        }
      }
    }
    var diagnostics: [Diagnostic] = []
    for state in scenario.states where !reached.contains(state.id.value) {
      diagnostics.append(context.diagnostic(
        .unreachableState, state.id, in: path, "state '\(state.id.value)' can never be reached",
        hint: "add a transition 'to: \(state.id.value)', or remove the state"))
    }
    for ending in scenario.endings where !endings.contains(ending.id.value) {
      let outcome = ending.outcome ?? Outcome(rawValue: ending.id.value)
      if outcome == .turnLimit { continue }  // reached by the runtime when turns run out
      diagnostics.append(context.diagnostic(
        .unreachableEnding, ending.id, in: path, "no transition leads to ending '\(ending.id.value)'",
        hint: "add a transition 'end: \(ending.id.value)', or remove the ending"))
    }
    if everyState.isEmpty {
      for state in scenario.states where (state.transitions ?? []).isEmpty && reached.contains(state.id.value) {
        diagnostics.append(context.diagnostic(
          .deadEndState, state.id, in: path, "state '\(state.id.value)' has no transition out and no way to end",
          hint: "add transitions, or an 'everyState' rule"))
      }
    }
    return diagnostics
  }
}

/// Warns about cues nothing uses and criteria that no loaded scenario can trigger. Runs only
/// when the content it judges against is loaded, so checking one file alone stays quiet.
struct UsageLinter: ContentValidator {
  func validate(_ context: ValidationContext) -> [Diagnostic] {
    unusedCues(context) + unusedWordClasses(context) + untriggerableCriteria(context)
  }

  /// A word class no pattern, exception or negator names is dead weight, or a misspelt use.
  private func unusedWordClasses(_ context: ValidationContext) -> [Diagnostic] {
    let lexicons = context.sources.cueLexicons
    var used: Set<String> = []
    for cue in lexicons.flatMap(\.source.cues) {
      for phrase in (cue.patterns ?? []) + (cue.except ?? []) {
        used.formUnion(((try? CuePattern.parse(phrase.value))?.terms ?? []).compactMap(CuePattern.wordClass))
      }
      used.formUnion((cue.negators ?? []).compactMap { CuePattern.wordClass(in: $0.value) })
    }
    return lexicons.flatMap { file in
      (file.source.classes ?? []).filter { !used.contains($0.id.value) }.map {
        context.diagnostic(
          .unusedWordClass, $0.id, in: file.path, "word class '\($0.id.value)' is not used by any pattern",
          hint: "write '@\($0.id.value)' in a pattern, exception or negator, or remove the class")
      }
    }
  }

  private func unusedCues(_ context: ValidationContext) -> [Diagnostic] {
    let s = context.sources
    guard !s.rubrics.isEmpty, !s.scenarios.isEmpty else { return [] }
    var used: Set<String> = []
    for rubric in s.rubrics.map(\.source) {
      for criterion in rubric.dimensions.flatMap(\.criteria) {
        let rule = criterion.rule
        used.formUnion(((rule.present?.items ?? []) + (rule.absent?.items ?? []) + (rule.penalty?.items ?? [])).map(\.value))
        used.formUnion([rule.ordering?.first.value, rule.ordering?.before.value].compactMap { $0 })
      }
      used.formUnion((rubric.redLines ?? []).flatMap { $0.cues.map(\.value) })
    }
    used.formUnion(s.personas.flatMap { ($0.source.reactions ?? []).map(\.cue.value) })
    used.formUnion(s.scenarios.flatMap { ($0.source.reactions ?? []).map(\.cue.value) })
    for scenario in s.scenarios.map(\.source) {
      let transitions = (scenario.everyState ?? []) + scenario.states.flatMap { $0.transitions ?? [] }
      used.formUnion(transitions.flatMap { ($0.cues?.items ?? []).map(\.value) })
      used.formUnion((scenario.facts ?? []).flatMap { ($0.revealOn ?? []).map(\.value) })
    }
    return s.cueLexicons.flatMap { file in
      file.source.cues.filter { !used.contains($0.id.value) }.map {
        context.diagnostic(
          .unusedCue, $0.id, in: file.path, "cue '\($0.id.value)' is not used by any rubric, persona or scenario",
          hint: "reference it from a rubric rule, a persona reaction or a transition, or remove it")
      }
    }
  }

  private func untriggerableCriteria(_ context: ValidationContext) -> [Diagnostic] {
    let scenarios = context.sources.scenarios.map(\.source)
    guard !scenarios.isEmpty else { return [] }
    var diagnostics: [Diagnostic] = []
    for file in context.sources.rubrics {
      let users = scenarios.filter { $0.rubric.value == file.source.id.value }
      guard !users.isEmpty else { continue }
      for criterion in file.source.dimensions.flatMap(\.criteria) {
        guard let appliesTo = criterion.appliesTo else { continue }
        let archetypes = (appliesTo.archetypes ?? []).map(\.value)
        let variants = (appliesTo.variants ?? []).map(\.value)
        let triggered = users.contains { scenario in
          let disabled = (scenario.rubricOverrides?.disable ?? []).contains { $0.value == criterion.id.value }
          return !disabled
            && (archetypes.isEmpty || archetypes.contains(scenario.archetype.value.rawValue))
            && (variants.isEmpty || (scenario.variants ?? []).contains { variants.contains($0.rawValue) })
        }
        if !triggered {
          diagnostics.append(context.diagnostic(
            .untriggerableCriterion, criterion.id, in: file.path,
            "criterion '\(criterion.id.value)' applies to no loaded scenario",
            hint: "no scenario using rubric '\(file.source.id.value)' matches its 'appliesTo'"))
        }
      }
    }
    return diagnostics
  }
}
