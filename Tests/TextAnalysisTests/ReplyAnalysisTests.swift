import Testing

@testable import TextAnalysis

@Suite struct ReplyAnalysisTests {
  private func analysis(showing indices: [Int32]) -> ReplyAnalysis {
    let hits = indices.enumerated().map { position, index in
      CueHit(cue: "c\(index)", cueIndex: index, range: position..<(position + 1), evidence: .pattern("x"))
    }
    return ReplyAnalysis(text: TextNormalizer.shared.normalize("您好您好您好"), hits: hits, quantities: [])
  }

  /// Lexicon cues and the disclosure pseudo-cue are shown exactly when a hit carries them,
  /// across word boundaries of the bit set; -1 (an unknown cue id) never is.
  @Test func showsExactlyTheCuesOfItsHits() {
    let shown: [Int32] = [0, 61, 62, 63, 64, 200, CueHit.disclosureIndex, 62]
    let reply = analysis(showing: shown)
    for index in Int32(-3)...260 {
      #expect(reply.shows(index: index) == shown.contains(index), "cue \(index)")
    }
    #expect(!analysis(showing: []).shows(index: 0))
    #expect(!analysis(showing: [7]).shows(index: CueHit.disclosureIndex))
  }

  /// Visiting the shown cues gives each once, in index order, the disclosure pseudo-cue first.
  @Test func visitsEachShownCueOnceInIndexOrder() {
    var visited: [Int32] = []
    analysis(showing: [200, 0, 63, 64, 63, CueHit.disclosureIndex, 61]).forEachShownCue { visited.append($0) }
    #expect(visited == [CueHit.disclosureIndex, 0, 61, 63, 64, 200])
    analysis(showing: []).forEachShownCue { _ in Issue.record("a reply without hits shows no cue") }
  }

  /// A reply shows any of a set of cues exactly when it shows one of them, wherever their bits
  /// fall (sets longer or shorter than the reply's own bits, the disclosure pseudo-cue, an
  /// unknown cue id); and a set contains exactly the indices it was made of.
  @Test func showsAnyOfASetExactlyWhenItShowsOneOfThem() {
    let reply = analysis(showing: [0, 63, 200, CueHit.disclosureIndex])
    #expect(reply.showsAny(CueSet([5, 6, 200])))
    #expect(reply.showsAny(CueSet([CueHit.disclosureIndex])))
    #expect(reply.showsAny(CueSet([63])))
    #expect(!reply.showsAny(CueSet([5, 6, -1])))
    #expect(!reply.showsAny(CueSet([1_000])))
    #expect(!reply.showsAny(CueSet([])))
    #expect(!analysis(showing: []).showsAny(CueSet([0, CueHit.disclosureIndex])))
    let members: [Int32] = [CueHit.disclosureIndex, 0, 61, 62, 130]
    let set = CueSet(members)
    for index in Int32(-3)...200 {
      #expect(set.contains(index) == members.contains(index), "cue \(index)")
    }
  }
}
