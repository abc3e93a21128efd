import Testing

@testable import TextAnalysis

@Suite struct DisclosureDetectorTests {
  private func disclosures(in reply: String, facts: [(id: String, disclosure: [String])]) -> [(fact: String, quote: String)] {
    let text = TextNormalizer.shared.normalize(reply)
    let analysis = DisclosureDetector(facts: facts).augment(ReplyAnalysis(text: text, hits: [], quantities: []))
    return analysis.hits.map { hit in
      guard case .disclosure(let fact, _) = hit.evidence else { return ("?", "") }
      #expect(hit.cue == DisclosureDetector.cueID && hit.cueIndex == CueHit.disclosureIndex)
      return (fact, text.quote(hit.range))
    }
  }

  /// Every occurrence of every confidential string is a hit, in reply order, quoted as typed
  /// (Traditional and full-width spellings included); one string's occurrences never overlap.
  @Test func findsEveryOccurrenceOfEachConfidentialString() {
    let found = disclosures(
      in: "王芳的電話是１３８００１３８０００，王芳芳说过；aaa",
      facts: [(id: "payee", disclosure: ["王芳", "13800138000"]), (id: "other", disclosure: ["王芳芳", "aa"])])
    #expect(found.map(\.fact) == ["payee", "payee", "payee", "other", "other"])
    #expect(found.map(\.quote) == ["王芳", "１３８００１３８０００", "王芳", "王芳芳", "aa"])
  }

  /// Scenarios with more than 64 confidential strings (more than one group of candidates per
  /// first character) find them all the same.
  @Test func findsStringsBeyondTheFirstSixtyFour() {
    let names = (0..<150).map { "客户\($0)号" }
    let found = disclosures(in: "请联系客户149号和客户3号。", facts: [(id: "names", disclosure: names)])
    #expect(found.map(\.quote) == ["客户149号", "客户3号"])
  }

  @Test func aReplyWithoutConfidentialStringsIsUnchanged() {
    #expect(disclosures(in: "我们会尽快处理。", facts: [(id: "payee", disclosure: ["王芳"])]).isEmpty)
    #expect(disclosures(in: "王芳", facts: []).isEmpty)
  }
}
