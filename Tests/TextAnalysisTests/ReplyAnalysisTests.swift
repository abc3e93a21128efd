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
    #expect(reply.showsAny([5, 6, 200]))
    #expect(!reply.showsAny([5, 6, -1]))
    #expect(!analysis(showing: []).shows(index: 0))
    #expect(!analysis(showing: [7]).shows(index: CueHit.disclosureIndex))
  }
}
