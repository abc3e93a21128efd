import Diagnostics

/// Modules, question banks and exams: references resolve, answers fit their question type,
/// and every exam draw can be satisfied by the banks.
struct CurriculumValidator: ContentValidator {
  func validate(_ context: ValidationContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for file in context.sources.modules {
      for lesson in file.source.lessons {
        for bank in lesson.questionBanks ?? [] where !context.bankIDs.contains(bank.value) {
          diagnostics.append(context.unknown(.unknownQuestionBank, "question bank", bank, in: file.path, known: context.bankIDs))
        }
        for scenario in lesson.scenarios ?? [] where !context.scenarioIDs.contains(scenario.value) {
          diagnostics.append(context.unknown(.unknownScenario, "scenario", scenario, in: file.path, known: context.scenarioIDs))
        }
      }
    }
    for file in context.sources.questionBanks {
      if !context.moduleIDs.contains(file.source.module.value) {
        diagnostics.append(context.unknown(.unknownModule, "module", file.source.module, in: file.path, known: context.moduleIDs))
      }
      for question in file.source.questions {
        diagnostics += checkAnswer(question, path: file.path, context)
      }
    }
    for file in context.sources.exams {
      diagnostics += checkExam(file.source, path: file.path, context)
    }
    return diagnostics
  }

  private func checkAnswer(_ question: QuestionSource, path: String, _ context: ValidationContext) -> [Diagnostic] {
    let type = question.type.value
    let options = question.options ?? []
    let optionIDs = Set(options.map(\.id.value))
    func problem(_ message: String, hint: String? = nil) -> Diagnostic {
      context.diagnostic(.invalidAnswer, question.id, in: path, "question '\(question.id.value)': \(message)", hint: hint)
    }
    var diagnostics: [Diagnostic] = []
    let needsOptions = type == .single || type == .multiple
    if needsOptions, options.isEmpty {
      diagnostics.append(problem("a \(type.rawValue)-choice question needs 'options'"))
      return diagnostics  // its answer cannot be checked against options it does not have
    }
    if !needsOptions, !options.isEmpty {
      diagnostics.append(problem("'options' are only for single and multiple choice", hint: "remove 'options'"))
    }
    if type == .shortAnswer {
      if question.keywords == nil {
        diagnostics.append(problem("a short-answer question needs 'keywords'", hint: "e.g. '- {any: [倾听], points: 1}'"))
      }
      if question.answer != nil {
        diagnostics.append(problem("short-answer questions are graded by 'keywords', not 'answer'", hint: "remove 'answer'"))
      }
      return diagnostics
    }
    if question.keywords != nil || question.passPoints != nil {
      diagnostics.append(problem("'keywords' and 'passPoints' are only for short-answer questions"))
    }
    guard let answer = question.answer else {
      diagnostics.append(problem("missing 'answer'", hint: answerAdvice(type)))
      return diagnostics
    }
    switch (type, answer) {
    case (.trueFalse, .boolean), (.fillIn, .texts): break
    case (.single, .texts(let ids)) where ids.count == 1:
      diagnostics += unknownOptions(ids, optionIDs, path, context)
    case (.multiple, .texts(let ids)):
      diagnostics += unknownOptions(ids, optionIDs, path, context)
      if ids.count < 2 {
        diagnostics.append(problem("a multiple-choice answer usually lists two or more options; use 'type: single' for one"))
      }
    default:
      diagnostics.append(problem("this answer does not fit a \(type.rawValue) question", hint: answerAdvice(type)))
    }
    return diagnostics
  }

  private func unknownOptions(
    _ ids: [Located<String>], _ known: Set<String>, _ path: String, _ context: ValidationContext
  ) -> [Diagnostic] {
    ids.filter { !known.contains($0.value) }.map {
      context.unknown(.unknownOption, "option", $0, in: path, known: known)
    }
  }

  private func answerAdvice(_ type: QuestionType) -> String {
    switch type {
    case .single: "give one option id, e.g. 'answer: a'"
    case .multiple: "give option ids, e.g. 'answer: [a, c]'"
    case .trueFalse: "give 'answer: true' or 'answer: false'"
    case .fillIn: "give the accepted answers, e.g. 'answer: [15日, 15天]'"
    case .shortAnswer: "use 'keywords'"
    }
  }

  private func checkExam(_ exam: ExamSource, path: String, _ context: ValidationContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let questionsByModule = Dictionary(grouping: context.sources.questionBanks, by: { $0.source.module.value })
      .mapValues { $0.flatMap(\.source.questions) }
    for draw in exam.theory.draws {
      guard context.moduleIDs.contains(draw.module.value) else {
        diagnostics.append(context.unknown(.unknownModule, "module", draw.module, in: path, known: context.moduleIDs))
        continue
      }
      let matching = (questionsByModule[draw.module.value] ?? []).filter { question in
        (draw.difficulty == nil || (question.difficulty ?? .medium) == draw.difficulty)
          && Set(draw.tags ?? []).isSubset(of: question.tags ?? [])
      }
      if matching.count < draw.count.value {
        diagnostics.append(context.diagnostic(
          .unsatisfiableDraw, Located(String(draw.count.value), line: draw.count.line, column: draw.count.column),
          in: path, "draw asks for \(draw.count.value) questions but only \(matching.count) match in module '\(draw.module.value)'",
          hint: "lower 'count', relax the filters, or add questions"))
      }
    }
    for scenario in exam.practical.scenarios where !context.scenarioIDs.contains(scenario.value) {
      diagnostics.append(context.unknown(.unknownScenario, "scenario", scenario, in: path, known: context.scenarioIDs))
    }
    if let draw = exam.practical.draw, draw.value > exam.practical.scenarios.count {
      diagnostics.append(context.diagnostic(
        .unsatisfiableDraw, Located(String(draw.value), line: draw.line, column: draw.column), in: path,
        "draw asks for \(draw.value) scenarios but only \(exam.practical.scenarios.count) are in the pool",
        hint: "lower 'draw' or add scenarios to the pool"))
    }
    return diagnostics
  }
}
