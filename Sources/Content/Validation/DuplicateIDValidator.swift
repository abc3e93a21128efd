import Diagnostics

/// Ids must be unique: file ids per kind across all files, cue ids across lexicons, question ids
/// across banks, and nested ids within their file.
struct DuplicateIDValidator: ContentValidator {
  func validate(_ context: ValidationContext) -> [Diagnostic] {
    let s = context.sources
    var diagnostics: [Diagnostic] = []
    func check(_ what: String, _ ids: [(Located<String>, String)]) {
      var first: [String: (Located<String>, String)] = [:]
      for (id, path) in ids {
        if let earlier = first[id.value] {
          diagnostics.append(context.diagnostic(
            .duplicateId, id, in: path, "duplicate \(what) id '\(id.value)'",
            hint: "first defined at \(earlier.0.location(in: earlier.1)); ids must be unique"))
        } else {
          first[id.value] = (id, path)
        }
      }
    }
    check("module", s.modules.map { ($0.source.id, $0.path) })
    check("question bank", s.questionBanks.map { ($0.source.id, $0.path) })
    check("exam", s.exams.map { ($0.source.id, $0.path) })
    check("cue lexicon", s.cueLexicons.map { ($0.source.id, $0.path) })
    check("rubric", s.rubrics.map { ($0.source.id, $0.path) })
    check("persona", s.personas.map { ($0.source.id, $0.path) })
    check("scenario", s.scenarios.map { ($0.source.id, $0.path) })
    check("cue", s.cueLexicons.flatMap { file in file.source.cues.map { ($0.id, file.path) } })
    check("word class", s.cueLexicons.flatMap { file in (file.source.classes ?? []).map { ($0.id, file.path) } })
    check("question", s.questionBanks.flatMap { file in file.source.questions.map { ($0.id, file.path) } })

    for file in s.modules {
      check("lesson", file.source.lessons.map { ($0.id, file.path) })
    }
    for file in s.questionBanks {
      for question in file.source.questions {
        check("option", (question.options ?? []).map { ($0.id, file.path) })
      }
    }
    for file in s.rubrics {
      check("dimension", file.source.dimensions.map { ($0.id, file.path) })
      check("criterion", file.source.dimensions.flatMap { $0.criteria.map { ($0.id, file.path) } })
      check("red line", (file.source.redLines ?? []).map { ($0.id, file.path) })
    }
    for file in s.personas {
      let lines = (file.source.lines ?? []) + (file.source.reactions ?? []).flatMap { $0.lines ?? [] }
      check("line", lines.map { ($0.id, file.path) })
    }
    for file in s.scenarios {
      let scenario = file.source
      check("state", scenario.states.map { ($0.id, file.path) })
      check("ending", scenario.endings.map { ($0.id, file.path) })
      check("fact", (scenario.facts ?? []).map { ($0.id, file.path) })
      check("speaker", (scenario.speakers ?? []).map { ($0.id, file.path) })
      check("test", (scenario.tests ?? []).map { ($0.id, file.path) })
      let lines = scenario.states.flatMap(\.lines) + scenario.endings.flatMap { $0.lines ?? [] }
      check("line", lines.map { ($0.id, file.path) })
    }
    return diagnostics
  }
}
