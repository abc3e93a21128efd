import Content
import Testing
import TestSupport
import TextAnalysis

/// Every cue's own examples hold with the real matcher: `match` sentences show the cue and
/// `noMatch` sentences do not. The lexicon is tested like code.
@Suite struct CueExampleTests {
  @Test func everyCuesExamplesHold() throws {
    let content = try #require(ContentLoader().load(paths: ContentLoader.defaultFolders.map(Repository.path)).content)
    let matcher = CueMatcher(lexicon: content.lexicon)
    #expect(!content.lexicon.cues.isEmpty)
    for cue in content.lexicon.cues {
      #expect(!cue.matchExamples.isEmpty || cue.detector != nil, "cue '\(cue.id)' has no match examples")
      for example in cue.matchExamples {
        #expect(matcher.analyze(example).shows(cue.id), "cue '\(cue.id)' should match: \(example)")
      }
      for example in cue.noMatchExamples {
        let hits = matcher.analyze(example).hits(of: cue.id)
        #expect(hits.isEmpty, "cue '\(cue.id)' should not match: \(example) — matched by \(hits.map(\.explanation))")
      }
    }
  }
}
