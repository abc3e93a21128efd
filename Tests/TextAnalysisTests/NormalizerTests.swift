import DialogueRuntime
import Testing
@testable import TextAnalysis


@Suite struct NormalizerTests {
  let normalizer = TextNormalizer.shared

  @Test func traditionalFullWidthAndSpacesFold() {
    let text = normalizer.normalize("我們會在２４小時內 給您回復！")
    #expect(text.folded == "我们会在24小时内给您回复!")
  }

  @Test func quotesShowWhatTheTraineeTyped() {
    let text = normalizer.normalize("請您放心，我們會在２４小時內回復。")
    let folded = text.folded
    let start = folded.unicodeScalars.count - "24小时内回复.".unicodeScalars.count
    #expect(text.quote(start..<(start + 5)) == "２４小時內")
    #expect(text.clause(around: start..<(start + 2)) == "我們會在２４小時內回復")
  }

  @Test func asciiIsLowerCasedAndChinesePunctuationFolded() {
    #expect(normalizer.normalize("按APR计算（年化）、约13%；好吗？").folded == "按apr计算(年化),约13%;好吗?")
  }

  @Test func emptyAndSpaceOnlyTexts() {
    #expect(normalizer.normalize("").scalars.isEmpty)
    #expect(normalizer.normalize(" \u{3000}\n").scalars.isEmpty)
  }
}

@Suite struct CueMatcherTests {
  static func cue(
    _ id: String, _ patterns: [String], except: [String] = [], negators: [String] = [], detect: BuiltInDetector? = nil,
    fuzzy: Double? = nil, examples: [String] = []
  ) -> CueDefinition {
    CueDefinition(
      id: id, title: id, polarity: .neutral, patterns: patterns.map { try! CuePattern.parse($0) }, exceptions: except,
      negators: negators, detector: detect, fuzzyThreshold: fuzzy, matchExamples: examples, noMatchExamples: [])
  }

  static let matcher = CueMatcher(lexicon: CueLexicon(cues: [
    cue("empathy", ["理解…心情", "换谁都会…{4}着急"], negators: ["不"]),
    cue("refusal", ["不能", "不行"], except: ["不能让您失望", "不能…{10}但是…可以"]),
    cue("shirking", ["推诿"], negators: ["不会"]),
    cue("time-frame", [], detect: .timeFrame),
    cue("paraphrase", ["我复述一下"], fuzzy: 0.5, examples: ["我确认一下您说的情况对吗"]),
  ]))

  func cues(_ text: String) -> [String] { Self.matcher.analyze(text).cues }

  @Test func gappedPatternsRespectOrderAndDistance() {
    #expect(cues("我很理解您现在的心情") == ["empathy"])
    #expect(cues("心情我理解") == [])
    #expect(cues("我理解，这件事确实拖了太久太久太久了，心情") == [])
  }

  @Test func traditionalInputMatchesSimplifiedPatterns() {
    #expect(cues("換誰都會很著急") == ["empathy"])
  }

  @Test func exceptionsAndNegationCancelHits() {
    #expect(cues("我们不能让您失望") == [])
    #expect(cues("虽然不能直接退款，但是我们可以先为您申请") == [])
    #expect(cues("这个不行") == ["refusal"])
    #expect(cues("我不会推诿") == [])
    #expect(cues("我不太理解你的心情") == [])
  }

  @Test func everyHitIsExplained() throws {
    let analysis = Self.matcher.analyze("我理解您的心情，24小时内回复您。")
    let empathy = try #require(analysis.hits(of: "empathy").first)
    #expect(empathy.explanation == "pattern '理解…心情'")
    #expect(analysis.quote(empathy) == "理解您的心情")
    let time = try #require(analysis.hits(of: "time-frame").first)
    #expect(analysis.quote(time) == "24小时内")
  }

  @Test func fuzzyLayerRecognisesParaphrases() throws {
    let analysis = Self.matcher.analyze("您好，我确认一下您说的情况，对吧")
    let hit = try #require(analysis.hits(of: "paraphrase").first)
    guard case .example(let example, let similarity) = hit.evidence else {
      Issue.record("expected an example hit")
      return
    }
    #expect(example == "我确认一下您说的情况对吗")
    #expect(similarity >= 0.5)
  }

  @Test func overlappingHitsOfOneCueCollapse() {
    #expect(Self.matcher.analyze("不行不行").hits(of: "refusal").count == 2)
    #expect(Self.matcher.analyze("理解您的心情心情").hits(of: "empathy").count == 1)
  }
}

@Suite struct AhoCorasickTests {
  /// The automaton finds exactly what a naive search finds, on random texts over a tiny alphabet
  /// (where overlaps and failure links are exercised hardest).
  @Test(arguments: 0..<20)
  func agreesWithNaiveSearch(_ seed: Int) {
    var generator = SplitMix64(seed: UInt64(seed) &+ 1)
    let alphabet: [UInt32] = [0x4E00, 0x4E01, 0x4E02]
    let terms = (0..<8).map { _ in (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! } }
    let text = (0..<200).map { _ in alphabet.randomElement(using: &generator)! }
    var found: [[Int32]] = []
    AhoCorasick(terms: terms).scan(text) { found.append([$0.term, $0.end]) }
    var expected: [[Int32]] = []
    for end in 1...text.count {
      for (index, term) in terms.enumerated() where term.count <= end && Array(text[(end - term.count)..<end]) == term {
        expected.append([Int32(index), Int32(end)])
      }
    }
    #expect(Set(found) == Set(expected))
    #expect(found.count == expected.count)
  }
}
