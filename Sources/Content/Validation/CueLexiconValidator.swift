import Diagnostics
import TextAnalysis

/// Cue patterns must parse, and every cue with patterns needs at least one `match` example so
/// trainers (and `complaint-sim test`) can see what it is meant to catch.
struct CueLexiconValidator: ContentValidator {
  func validate(_ context: ValidationContext) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for file in context.sources.cueLexicons {
      for cue in file.source.cues {
        for pattern in cue.patterns ?? [] {
          do {
            _ = try CuePattern.parse(pattern.value)
          } catch {
            diagnostics.append(context.diagnostic(
              .invalidCuePattern, pattern, in: file.path, "invalid cue pattern: \(error.problem)",
              hint: "write terms separated by '…' or '…{N}', e.g. '理解…{6}心情'",
              offset: error.offset, length: 1))
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
}
