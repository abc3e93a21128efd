import DialogueRuntime
import Diagnostics
import Scoring
import TextAnalysis

/// Turns validated sources into ``CompiledContent``: defaults filled, persona merged into each
/// scenario, states and endings resolved to indices, conditions and patterns parsed.
///
/// Runs only when validation found no errors, so every lookup here is known to succeed; a
/// failed lookup would be a validator bug, and is skipped rather than crashing a trainer's run.
struct ContentCompiler {
  let context: ValidationContext

  func compile() -> CompiledContent {
    let s = context.sources
    return CompiledContent(
      lexicon: CueLexicon(
        cues: s.cueLexicons.flatMap { $0.source.cues.map(compileCue) },
        classes: s.cueLexicons.flatMap { file in
          (file.source.classes ?? []).map { WordClass(id: $0.id.value, words: $0.words) }
        }),
      rubrics: s.rubrics.map { compileRubric($0.source) },
      scenarios: s.scenarios.compactMap { compileScenario($0.source, path: $0.path) },
      personas: s.personas.map {
        PersonaSummary(id: $0.source.id.value, title: $0.source.title, archetype: $0.source.archetype)
      },
      modules: s.modules.map { compileModule($0.source) }.sorted { ($0.order, $0.id) < ($1.order, $1.id) },
      questionBanks: s.questionBanks.map(compileBank),
      exams: s.exams.map(compileExam),
      cueLocations: Dictionary(
        s.cueLexicons.flatMap { file in file.source.cues.map { ($0.id.value, $0.id.location(in: file.path)) } },
        uniquingKeysWith: { first, _ in first }))
  }

  // MARK: Cues and rubrics

  private func compileCue(_ cue: CueSource) -> CueDefinition {
    CueDefinition(
      id: cue.id.value, title: cue.title, polarity: cue.polarity ?? .neutral,
      patterns: (cue.patterns ?? []).compactMap { try? CuePattern.parse($0.value) },
      exceptions: (cue.except ?? []).map(\.value), negators: (cue.negators ?? []).map(\.value), detector: cue.detect,
      fuzzyThreshold: cue.fuzzy, matchExamples: cue.examples?.match ?? [],
      noMatchExamples: cue.examples?.noMatch ?? [], tags: cue.tags ?? [])
  }

  private func compileRubric(_ rubric: RubricSource) -> Rubric {
    Rubric(
      id: rubric.id.value, title: rubric.title, passMark: rubric.passMark ?? 60,
      dimensions: rubric.dimensions.map { dimension in
        Dimension(
          id: dimension.id.value, title: dimension.title, weight: dimension.weight,
          criteria: dimension.criteria.map(compileCriterion))
      },
      redLines: (rubric.redLines ?? []).map {
        RedLine(id: $0.id.value, title: $0.title, cues: $0.cues.map(\.value), feedback: $0.feedback)
      },
      redLinePenalty: rubric.redLinePenalty ?? 20)
  }

  private func compileCriterion(_ criterion: CriterionSource) -> Criterion {
    Criterion(
      id: criterion.id.value, title: criterion.title, points: criterion.points,
      appliesTo: Applicability(
        archetypes: (criterion.appliesTo?.archetypes ?? []).map(\.value),
        variants: (criterion.appliesTo?.variants ?? []).map(\.value)),
      rule: compileRule(criterion.rule, points: criterion.points),
      feedback: criterion.feedback, model: criterion.model)
  }

  private func compileRule(_ rule: RuleSource, points: Double) -> Rule {
    func ids(_ list: IDList?) -> [String] { (list?.items ?? []).map(\.value) }
    if let present = rule.present { return .present(cues: ids(present), count: rule.count ?? 1) }
    if let absent = rule.absent { return .absent(cues: ids(absent)) }
    if let ordering = rule.ordering {
      return .ordering(first: ordering.first.value, before: ordering.before.value, onlyIfBefore: ordering.onlyIfBefore ?? false)
    }
    if let penalty = rule.penalty {
      return .penalty(cues: ids(penalty), each: rule.each ?? points, cap: min(rule.cap ?? points, points))
    }
    if let outcome = rule.outcome {
      return .outcome(
        endings: (outcome.ending ?? []).map(\.value),
        mood: (outcome.mood ?? [:]).sorted { $0.key < $1.key }.map {
          MoodBound(variable: $0.key, min: $0.value.min, max: $0.value.max)
        })
    }
    return .timing(maxSeconds: rule.timing?.maxSeconds ?? 60)
  }

  // MARK: Scenarios

  private func compileScenario(_ scenario: ScenarioSource, path: String) -> ScenarioProgram? {
    guard let persona = context.persona(scenario.persona.value) else { return nil }
    let stateIndex = Dictionary(
      scenario.states.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { first, _ in first })
    let endingIndex = Dictionary(
      scenario.endings.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { first, _ in first })

    func transition(_ source: TransitionSource) -> Transition? {
      let target: Transition.Target
      if let state = source.to.flatMap({ stateIndex[$0.value] }) {
        target = .state(state)
      } else if let ending = source.end.flatMap({ endingIndex[$0.value] }) {
        target = .ending(ending)
      } else {
        return nil
      }
      let anchor = source.to ?? source.end
      return Transition(
        cues: (source.cues?.items ?? []).map(\.value),
        condition: source.when.flatMap { try? ConditionParser.parse($0.value) },
        target: target,
        source: anchor?.location(in: path) ?? .file(path))
    }

    // Persona mood first, then the scenario's overrides and additions, in a stable order.
    var mood: [MoodVariable] = []
    let names = Set(persona.mood.keys).union((scenario.mood ?? [:]).keys).sorted()
    for name in names {
      let base = persona.mood[name]
      let override = scenario.mood?[name]
      mood.append(MoodVariable(
        name: name, start: override?.start ?? base?.start ?? 0,
        min: override?.min ?? base?.min ?? 0, max: override?.max ?? base?.max ?? 100))
    }

    return ScenarioProgram(
      id: scenario.id.value, title: scenario.title, archetype: scenario.archetype.value,
      variants: scenario.variants ?? [],
      personality: scenario.personality ?? scenario.archetype.value.defaultPersonality,
      motive: scenario.motive ?? .compensation, industry: scenario.industry,
      difficulty: scenario.difficulty ?? .medium, briefing: scenario.briefing,
      customer: CustomerProfile(
        name: scenario.customer.name, age: scenario.customer.age, gender: scenario.customer.gender,
        occupation: scenario.customer.occupation, history: scenario.customer.history),
      facts: (scenario.facts ?? []).map {
        Fact(
          id: $0.id.value, text: $0.text, revealOn: ($0.revealOn ?? []).map(\.value),
          confidential: $0.confidential ?? false, disclosure: $0.disclosure ?? [], says: $0.says)
      },
      mood: mood,
      reactions: ((persona.reactions ?? []) + (scenario.reactions ?? [])).map {
        CueReaction(cue: $0.cue.value, changes: ($0.change ?? [:]).mapValues(\.value), lines: lines($0.lines))
      },
      perTurn: (persona.perTurn ?? [:]).mapValues(\.value),
      defaultLines: lines(persona.lines),
      speakers: (scenario.speakers ?? []).map {
        Speaker(
          id: $0.id.value, name: $0.name, representative: $0.representative ?? false,
          mood: ($0.mood ?? [:]).mapValues(\.value))
      },
      states: scenario.states.map {
        State(
          id: $0.id.value, lines: lines($0.lines), transitions: ($0.transitions ?? []).compactMap(transition),
          source: $0.id.location(in: path))
      },
      startState: scenario.start.flatMap { stateIndex[$0.value] } ?? 0,
      everyState: (scenario.everyState ?? []).compactMap(transition),
      endings: endings(scenario),
      turnLimit: scenario.turnLimit ?? 12, rubricID: scenario.rubric.value,
      rubricOverrides: RubricOverrideSpec(
        weights: (scenario.rubricOverrides?.weights ?? [:]).mapValues(\.value),
        disabledCriteria: (scenario.rubricOverrides?.disable ?? []).map(\.value)),
      tests: (scenario.tests ?? []).map { test in
        ScenarioTest(
          id: test.id.value, seed: UInt64(max(0, test.seed ?? 1)), replies: test.replies,
          expectedEnding: test.expect?.ending?.value,
          expectedMood: (test.expect?.mood ?? [:]).mapValues { ClosedRangeSpec(min: $0.min, max: $0.max) },
          expectedScore: test.expect?.score.map { ClosedRangeSpec(min: $0.min, max: $0.max) },
          expectedRedLines: test.expect?.redLines.map { $0.map(\.value) },
          source: test.id.location(in: path))
      },
      source: scenario.id.location(in: path))
  }

  /// The scenario's endings, plus a default turn-limit ending when it declares none: the
  /// runtime always needs somewhere to go when the turns run out.
  private func endings(_ scenario: ScenarioSource) -> [Ending] {
    var endings = scenario.endings.map {
      Ending(id: $0.id.value, outcome: $0.outcome ?? Outcome(rawValue: $0.id.value) ?? .partlyResolved, lines: lines($0.lines))
    }
    if !endings.contains(where: { $0.outcome == .turnLimit }) {
      endings.append(Ending(
        id: Outcome.turnLimit.rawValue, outcome: .turnLimit,
        lines: [Line(id: "turn-limit-default", text: "今天就先谈到这里吧，我回去再考虑考虑。")]))
    }
    return endings
  }

  private func lines(_ sources: [LineSource]?) -> [Line] {
    (sources ?? []).map { Line(id: $0.id.value, text: $0.text, speaker: $0.speaker?.value) }
  }

  // MARK: Curriculum

  private func compileModule(_ module: ModuleSource) -> Module {
    Module(
      id: module.id.value, title: module.title, order: module.order ?? 1, summary: module.summary,
      lessons: module.lessons.map {
        Lesson(
          id: $0.id.value, title: $0.title, body: $0.body, keyPoints: $0.keyPoints,
          recommendedWording: $0.wording?.recommended ?? [], avoidedWording: $0.wording?.avoided ?? [],
          questionBanks: ($0.questionBanks ?? []).map(\.value), scenarios: ($0.scenarios ?? []).map(\.value))
      })
  }

  private func compileBank(_ bank: Sourced<QuestionBankSource>) -> QuestionBank {
    QuestionBank(
      id: bank.source.id.value, title: bank.source.title, module: bank.source.module.value,
      questions: bank.source.questions.map(compileQuestion))
  }

  private func compileQuestion(_ question: QuestionSource) -> Question {
    let options = (question.options ?? []).map { ChoiceOption(id: $0.id.value, text: $0.text) }
    let texts: [String] =
      switch question.answer {
      case .texts(let values): values.map(\.value)
      default: []
      }
    let answer: AnswerKey =
      switch question.type.value {
      case .single: .single(options: options, correct: texts.first ?? "")
      case .multiple: .multiple(options: options, correct: texts)
      case .trueFalse:
        if case .boolean(let value) = question.answer { .trueFalse(value) } else { .trueFalse(false) }
      case .fillIn: .fillIn(accepted: texts)
      case .shortAnswer:
        .shortAnswer(
          keywords: (question.keywords ?? []).map { Keyword(any: $0.any, points: $0.points ?? 1) },
          passPoints: question.passPoints ?? (question.keywords ?? []).reduce(0) { $0 + ($1.points ?? 1) })
      }
    return Question(
      id: question.id.value, prompt: question.prompt, answer: answer, explanation: question.explanation,
      difficulty: question.difficulty ?? .medium, tags: question.tags ?? [])
  }

  private func compileExam(_ exam: Sourced<ExamSource>) -> ExamBlueprint {
    let source = exam.source
    return ExamBlueprint(
      id: source.id.value, title: source.title, timeLimitMinutes: source.timeLimitMinutes ?? 60,
      maxAttempts: source.maxAttempts ?? 3, cooldownHours: source.cooldownHours ?? 24,
      theoryWeight: source.theory.weight, theoryPassMark: source.theory.passMark,
      draws: source.theory.draws.map {
        ExamBlueprint.Draw(module: $0.module.value, count: $0.count.value, difficulty: $0.difficulty, tags: $0.tags ?? [])
      },
      practicalWeight: source.practical.weight, practicalPassMark: source.practical.passMark,
      scenarioPool: source.practical.scenarios.map(\.value), scenarioDraw: source.practical.draw?.value ?? 1)
  }
}
