import Diagnostics
import TextAnalysis

/// Cue patterns must parse, every cue with patterns needs at least one `match` example so
/// trainers (and `complaint-sim test`) can see what it is meant to catch, and every `@class`
/// a pattern, exception or negator names must be a defined word class.
struct CueLexiconValidator: ContentValidator {
  func validate(_ context: ValidationContext) -> [Diagnostic] {
    let classIDs = Set(context.sources.cueLexicons.flatMap { ($0.source.classes ?? []).map(\.id.value) })
    var diagnostics: [Diagnostic] = []
    for file in context.sources.cueLexicons {
      for cue in file.source.cues {
        for phrase in (cue.patterns ?? []) + (cue.except ?? []) {
          do {
            let pattern = try CuePattern.parse(phrase.value)
            for reference in pattern.wordClassReferences where !classIDs.contains(reference.name) {
              diagnostics.append(unknownClass(reference, in: phrase, file.path, context, known: classIDs))
            }
          } catch {
            diagnostics.append(context.diagnostic(
              .invalidCuePattern, phrase, in: file.path, "invalid cue pattern: \(error.problem)",
              hint: "write terms separated by '…' or '…{N}', e.g. '理解…{6}心情'",
              offset: error.offset, length: 1))
          }
        }
        for negator in cue.negators ?? [] {
          if let name = CuePattern.wordClass(in: negator.value), !classIDs.contains(name) {
            diagnostics.append(unknownClass((name, 0), in: negator, file.path, context, known: classIDs))
          }
        }
        if !(cue.patterns ?? []).isEmpty, (cue.examples?.match ?? []).isEmpty {
          diagnostics.append(context.diagnostic(
            .missingKey, cue.id, in: file.path, "missing required key 'examples.match' in cue '\(cue.id.value)'",
            hint: "add at least one reply that shows this cue, so the patterns can be tested"))
        }
      }
    }
    return diagnostics
  }

  private func unknownClass(
    _ reference: (name: String, offset: Int), in phrase: Located<String>, _ path: String,
    _ context: ValidationContext, known: Set<String>
  ) -> Diagnostic {
    let hint = Suggestion.closest(to: reference.name, in: known).map { "did you mean '@\($0)'?" }
      ?? "define it under 'classes:' in a cue lexicon: {id: \(reference.name), words: [...]}"
    return context.diagnostic(
      .unknownWordClass, phrase, in: path, "unknown word class '@\(reference.name)'",
      hint: hint, offset: reference.offset, length: reference.name.unicodeScalars.count + 1)
  }
}
