import DialogueRuntime
import Diagnostics

/// Every reference in a scenario resolves (persona, rubric, cues, states, endings, speakers,
/// mood variables, rubric items), conditions parse, and group/confidential rules hold.
struct ScenarioValidator: ContentValidator {
  func validate(_ context: ValidationContext) -> [Diagnostic] {
    context.sources.scenarios.flatMap { check($0.source, path: $0.path, context) }
  }

  private func check(_ scenario: ScenarioSource, path: String, _ context: ValidationContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let persona = context.persona(scenario.persona.value)
    let rubric = context.rubric(scenario.rubric.value)
    if !context.personaIDs.contains(scenario.persona.value) {
      diagnostics.append(context.unknown(.unknownPersona, "persona", scenario.persona, in: path, known: context.personaIDs))
    }
    if !context.rubricIDs.contains(scenario.rubric.value) {
      diagnostics.append(context.unknown(.unknownRubric, "rubric", scenario.rubric, in: path, known: context.rubricIDs))
    }
    if let persona, persona.archetype != scenario.archetype.value {
      diagnostics.append(context.diagnostic(
        .archetypeMismatch, scenario.persona, in: path,
        "persona '\(persona.id.value)' is \(persona.archetype.rawValue), but the scenario is \(scenario.archetype.value.rawValue)",
        hint: "pick a persona of the same archetype"))
    }

    // Mood variables: the persona's plus any the scenario declares.
    let personaMood = persona?.mood ?? [:]
    for (name, variable) in (scenario.mood ?? [:]).sorted(by: { $0.key < $1.key }) {
      if personaMood[name] == nil, variable.start == nil {
        diagnostics.append(context.diagnostic(
          .missingKey, scenario.id, in: path, "missing required key 'start' in new mood variable '\(name)'",
          hint: "'\(name)' is not a mood variable of the persona, so it needs a start value"))
      }
      diagnostics += MoodBounds.check(
        name: name, variable, inherited: personaMood[name], at: scenario.id, path: path, context)
    }
    let moodNames = Set(personaMood.keys).union((scenario.mood ?? [:]).keys)
    // Without its persona the scenario's mood variables are unknown; checking names against
    // a partial list would only repeat the unknown-persona error.
    let personaKnown = persona != nil

    if personaKnown {
      diagnostics += PersonaValidator.checkReactions(scenario.reactions ?? [], moodNames: moodNames, path: path, context)
    }

    // Speakers belong to group scenarios.
    let speakers = scenario.speakers ?? []
    let speakerIDs = Set(speakers.map(\.id.value))
    let isGroup = scenario.archetype.value == .group
    if isGroup, speakers.count < 2 {
      diagnostics.append(context.diagnostic(
        .groupNeedsSpeakers, scenario.id, in: path, "a group scenario needs at least 2 speakers, found \(speakers.count)",
        hint: "list the people under 'speakers'"))
    }
    if !isGroup, let first = speakers.first {
      diagnostics.append(context.diagnostic(
        .speakersOutsideGroup, first.id, in: path, "'speakers' is only for group scenarios",
        hint: "remove 'speakers', or set 'archetype: group'"))
    }
    for speaker in speakers {
      for (name, value) in (speaker.mood ?? [:]).sorted(by: { $0.key < $1.key }) where !moodNames.contains(name) {
        diagnostics.append(context.diagnostic(
          .unknownMoodVariable, context.keyLocation(name, before: value, in: path, fallback: speaker.id), in: path,
          "unknown mood variable '\(name)'", hint: Suggestion.hint(for: name, in: moodNames)))
      }
    }
    let allLines = scenario.states.flatMap(\.lines) + scenario.endings.flatMap { $0.lines ?? [] }
    for line in allLines {
      guard let speaker = line.speaker else { continue }
      if !isGroup {
        diagnostics.append(context.diagnostic(
          .speakersOutsideGroup, speaker, in: path, "'speaker' is only for group scenarios",
          hint: "remove 'speaker'"))
      } else if !speakerIDs.contains(speaker.value) {
        diagnostics.append(context.unknown(.unknownSpeaker, "speaker", speaker, in: path, known: speakerIDs))
      }
    }

    // Transitions.
    let stateIDs = Set(scenario.states.map(\.id.value))
    let endingIDs = Set(scenario.endings.map(\.id.value))
    let transitions = (scenario.everyState ?? []) + scenario.states.flatMap { $0.transitions ?? [] }
    for transition in transitions {
      for cue in transition.cues?.items ?? [] where !context.cueIDs.contains(cue.value) {
        diagnostics.append(context.unknown(.unknownCue, "cue", cue, in: path, known: context.cueIDs))
      }
      if let target = transition.to, !stateIDs.contains(target.value) {
        diagnostics.append(context.unknown(.unknownState, "state", target, in: path, known: stateIDs))
      }
      if let target = transition.end, !endingIDs.contains(target.value) {
        diagnostics.append(context.unknown(.unknownEnding, "ending", target, in: path, known: endingIDs))
      }
      if let condition = transition.when, personaKnown {
        diagnostics += checkCondition(condition, moodNames: moodNames, speakerIDs: speakerIDs, path: path, context)
      }
    }
    if let start = scenario.start, !stateIDs.contains(start.value) {
      diagnostics.append(context.unknown(.unknownState, "state", start, in: path, known: stateIDs))
    }

    // Endings need an outcome.
    for ending in scenario.endings where ending.outcome == nil && Outcome(rawValue: ending.id.value) == nil {
      diagnostics.append(context.diagnostic(
        .missingKey, ending.id, in: path, "missing required key 'outcome' in ending '\(ending.id.value)'",
        hint: "'\(ending.id.value)' is not an outcome name; add 'outcome:' (one of \(Enumerations.outcomes.joined(separator: ", ")))"))
    }

    // Facts.
    for fact in scenario.facts ?? [] {
      for cue in fact.revealOn ?? [] where !context.cueIDs.contains(cue.value) {
        diagnostics.append(context.unknown(.unknownCue, "cue", cue, in: path, known: context.cueIDs))
      }
      if fact.confidential == true, (fact.disclosure ?? []).isEmpty {
        diagnostics.append(context.diagnostic(
          .missingKey, fact.id, in: path, "missing required key 'disclosure' in confidential fact '\(fact.id.value)'",
          hint: "list the names, numbers or words whose appearance in a reply would leak it"))
      }
      if fact.confidential != true, fact.disclosure != nil {
        diagnostics.append(context.diagnostic(
          .conflictingKeys, fact.id, in: path, "'disclosure' is only meaningful with 'confidential: true'",
          hint: "add 'confidential: true' or remove 'disclosure'"))
      }
    }

    // Rubric overrides and test expectations refer to the rubric.
    if let rubric {
      let dimensionIDs = Set(rubric.dimensions.map(\.id.value))
      let criterionIDs = Set(rubric.dimensions.flatMap { $0.criteria.map(\.id.value) })
      let redLineIDs = Set((rubric.redLines ?? []).map(\.id.value))
      for (name, weight) in (scenario.rubricOverrides?.weights ?? [:]).sorted(by: { $0.key < $1.key })
      where !dimensionIDs.contains(name) {
        diagnostics.append(context.diagnostic(
          .unknownRubricItem, context.keyLocation(name, before: weight, in: path, fallback: scenario.rubric), in: path,
          "rubric '\(rubric.id.value)' has no dimension '\(name)'",
          hint: Suggestion.hint(for: name, in: dimensionIDs)))
      }
      for criterion in scenario.rubricOverrides?.disable ?? [] where !criterionIDs.contains(criterion.value) {
        diagnostics.append(context.diagnostic(
          .unknownRubricItem, criterion, in: path, "rubric '\(rubric.id.value)' has no criterion '\(criterion.value)'",
          hint: Suggestion.hint(for: criterion.value, in: criterionIDs)))
      }
      for test in scenario.tests ?? [] {
        for redLine in test.expect?.redLines ?? [] where !redLineIDs.contains(redLine.value) {
          diagnostics.append(context.diagnostic(
            .unknownRubricItem, redLine, in: path, "rubric '\(rubric.id.value)' has no red line '\(redLine.value)'",
            hint: Suggestion.hint(for: redLine.value, in: redLineIDs)))
        }
      }
    }
    for test in scenario.tests ?? [] where personaKnown {
      if let ending = test.expect?.ending, !endingIDs.contains(ending.value) {
        diagnostics.append(context.unknown(.unknownEnding, "ending", ending, in: path, known: endingIDs))
      }
      for name in (test.expect?.mood ?? [:]).keys.sorted() where !moodNames.contains(name) {
        diagnostics.append(context.diagnostic(
          .unknownMoodVariable, test.id, in: path, "unknown mood variable '\(name)' in test '\(test.id.value)'",
          hint: Suggestion.hint(for: name, in: moodNames)))
      }
    }
    return diagnostics
  }

  private func checkCondition(
    _ condition: Located<String>, moodNames: Set<String>, speakerIDs: Set<String>, path: String,
    _ context: ValidationContext
  ) -> [Diagnostic] {
    let parsed: Condition
    do {
      parsed = try ConditionParser.parse(condition.value)
    } catch {
      return [context.diagnostic(
        .invalidCondition, condition, in: path, "invalid condition: \(error.problem)",
        hint: "e.g. 'anger >= 60 and trust < 30'", offset: error.offset, length: error.length)]
    }
    let offsets = ConditionParser.operandOffsets(in: condition.value)
    var diagnostics: [Diagnostic] = []
    for operand in parsed.operands {
      switch operand {
      case .turn: continue
      case .mood(let name) where !moodNames.contains(name):
        diagnostics.append(context.diagnostic(
          .unknownMoodVariable, condition, in: path, "unknown mood variable '\(name)'",
          hint: Suggestion.hint(for: name, in: moodNames.union(["turn"])) ?? "known: \(moodNames.sorted().joined(separator: ", ")), turn",
          offset: offsets[name] ?? 0, length: name.unicodeScalars.count))
      case .speakerMood(let speaker, let variable):
        let name = "\(speaker).\(variable)"
        if !speakerIDs.contains(speaker) {
          diagnostics.append(context.diagnostic(
            .unknownSpeaker, condition, in: path, "unknown speaker '\(speaker)'",
            hint: Suggestion.hint(for: speaker, in: speakerIDs), offset: offsets[name] ?? 0,
            length: speaker.unicodeScalars.count))
        } else if !moodNames.contains(variable) {
          diagnostics.append(context.diagnostic(
            .unknownMoodVariable, condition, in: path, "unknown mood variable '\(variable)'",
            hint: Suggestion.hint(for: variable, in: moodNames),
            offset: (offsets[name] ?? 0) + speaker.unicodeScalars.count + 1, length: variable.unicodeScalars.count))
        }
      default: continue
      }
    }
    return diagnostics
  }
}
