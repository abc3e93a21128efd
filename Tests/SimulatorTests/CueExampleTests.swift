import Content
import Testing
import TestSupport
import TextAnalysis

/// Every cue's own examples hold with the real matcher: `match` sentences show the cue and
/// `noMatch` sentences do not. The lexicon is tested like code.
@Suite struct CueExampleTests {
  static let lexicon: CueLexicon = {
    ContentLoader().load(paths: ContentLoader.defaultFolders.map(Repository.path)).content?.lexicon ?? CueLexicon(cues: [])
  }()
  static let matcher = CueMatcher(lexicon: lexicon)

  @Test(arguments: lexicon.cues.map(\.id))
  func examplesHold(_ id: String) throws {
    let cue = try #require(Self.lexicon.cue(id))
    for example in cue.matchExamples {
      #expect(Self.matcher.analyze(example).shows(id), "cue '\(id)' should match: \(example)")
    }
    for example in cue.noMatchExamples {
      let hits = Self.matcher.analyze(example).hits(of: id)
      #expect(hits.isEmpty, "cue '\(id)' should not match: \(example) — matched by \(hits.map(\.explanation))")
    }
  }
}
