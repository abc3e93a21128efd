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

  /// Compatibility forms that fold to several scalars ("…" → "...", "㍿" → "株式会社") still
  /// quote back to exactly what was typed, and text with more expansion than the fast path
  /// reserves room for folds the same as scalar by scalar.
  @Test func expansionsKeepTheMapBackToWhatWasTyped() {
    let text = normalizer.normalize("好的…我们㍿的同事12点前回复")
    #expect(text.folded == "好的...我们株式会社的同事12点前回复")
    let start = text.folded.unicodeScalars.count - "12点前回复".unicodeScalars.count
    #expect(text.quote(start..<(start + 4)) == "12点前")
    #expect(text.quote(2..<9) == "…我们㍿")
    let heavy = String(repeating: "\u{FDFA}a", count: 40)
    let folded = normalizer.normalize(heavy)
    #expect(folded.scalars == normalizer.fold(heavy))
    #expect(folded.quote(0..<folded.scalars.count) == heavy)
  }

  /// Quotes map folded spans to byte offsets in what was typed: every span of a reply mixing
  /// one-, two-, three- and four-byte characters quotes exactly the characters behind it.
  @Test func everySpanOfMixedWidthTextQuotesWhatWasTyped() {
    let typed = "ok，退款é3600元😀我們會在２４小時內處理ab🧧好的"
    let text = normalizer.normalize(typed)
    let characters = Array(typed.unicodeScalars)
    #expect(text.scalars.count == characters.count)  // nothing here folds away or expands
    for lower in 0..<characters.count {
      for upper in (lower + 1)...characters.count {
        var expected = String.UnicodeScalarView()
        expected.append(contentsOf: characters[lower..<upper])
        #expect(text.quote(lower..<upper) == String(expected), "span \(lower)..<\(upper)")
      }
    }
  }

  /// A reply that starts with something folding drops or expands (a space, "…") still quotes
  /// exactly what was typed.
  @Test func leadingDroppedOrExpandedScalarsKeepTheMap() {
    let spaced = normalizer.normalize(" 我们会核实")
    #expect(spaced.folded == "我们会核实")
    #expect(spaced.quote(0..<2) == "我们")
    let dotted = normalizer.normalize("…我们会核实")
    #expect(dotted.folded == "...我们会核实")
    #expect(dotted.quote(3..<5) == "我们")
    // A space inside a span is quoted; one just after it is not.
    let inner = normalizer.normalize("我们 会核实 ")
    #expect(inner.quote(0..<2) == "我们")
    #expect(inner.quote(1..<3) == "们 会")
    #expect(inner.quote(4..<5) == "实")
  }

  /// Every scalar folds the same through the per-reply fast path as through `fold`, which
  /// patterns use: otherwise a pattern could never match what a trainee types.
  @Test func fastPathAgreesWithFoldForEveryBasicScalar() {
    var mismatches: [UInt32] = []
    for value in UInt32(1)..<0x10000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let text = String(Character(scalar))
      if normalizer.normalize(text).scalars != normalizer.fold(text) { mismatches.append(value) }
    }
    #expect(mismatches.isEmpty)
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

  /// A pattern hit names its pattern's place in the lexicon, cue by cue, counting patterns that
  /// could not be compiled (an unknown word class), so the scorer finds what is written about it.
  @Test func patternHitsNameTheirPlaceInTheLexicon() throws {
    let matcher = CueMatcher(lexicon: CueLexicon(cues: [
      Self.cue("first", ["@unknown…谢谢", "抱歉"]),
      Self.cue("second", ["不能", "不行"]),
    ]))
    let lexiconPatterns = matcher.lexicon.cues.flatMap(\.patterns)
    for (text, index) in [("这个不行", 3), ("抱歉", 1), ("不能", 2)] {
      let hit = try #require(matcher.analyze(text).hits.first)
      #expect(hit.patternIndex == Int32(index))
      #expect(hit.evidence == .pattern(lexiconPatterns[index].source))
    }
    let example = try #require(Self.matcher.analyze("您好，我确认一下您说的情况，对吧").hits.first)
    #expect(example.patternIndex == -1)
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

  /// A word class stands for any of its words, wherever it appears in a pattern, and can be
  /// used in exceptions and as negators too.
  @Test func wordClassesStandForAnyOfTheirWords() {
    let matcher = CueMatcher(lexicon: CueLexicon(
      cues: [
        Self.cue("leak", ["@third-party…{4}@money-move", "告诉您…{6}@third-party"], except: ["@third-party…{0}不能…{0}@money-move"]),
        Self.cue("calm", ["冷静"], negators: ["@denial"]),
      ],
      classes: [
        WordClass(id: "third-party", words: ["他", "她", "收款人"]),
        WordClass(id: "money-move", words: ["取了", "转走"]),
        WordClass(id: "denial", words: ["别", "不要"]),
      ]))
    func cues(_ text: String) -> [String] { matcher.analyze(text).cues }
    #expect(cues("她上周取了两万") == ["leak"])
    #expect(cues("收款人昨天转走了") == ["leak"])
    #expect(cues("我悄悄告诉您，他住在附近") == ["leak"])
    #expect(cues("他们取了号") == ["leak"])  // 他 is a word of the class, 他们 contains it
    #expect(cues("您取了两万") == [])
    #expect(cues("收款人不能取了") == [])  // inside the exception
    #expect(cues("请冷静") == ["calm"])
    #expect(cues("不要冷静") == [])
    #expect(cues("别冷静") == [])
  }

  /// When class words overlap ("没" and "没有"), a later element that must follow at once is
  /// still found: the matcher backtracks to the other word rather than giving up.
  @Test func overlappingClassWordsBacktrack() {
    let matcher = CueMatcher(lexicon: CueLexicon(
      cues: [Self.cue("no-cooling-off", ["@short…{8}@lack…{0}犹豫期"])],
      classes: [WordClass(id: "short", words: ["这款"]), WordClass(id: "lack", words: ["没", "没有"])]))
    #expect(matcher.analyze("这款产品没有犹豫期").cues == ["no-cooling-off"])
    #expect(matcher.analyze("这款产品没犹豫期").cues == ["no-cooling-off"])
    #expect(matcher.analyze("这款产品没有的犹豫期").cues == [])
  }

  /// The fuzzy layer's distinct sorted bigrams are the same whether a clause is short (sorted as
  /// it is read) or long (collected, then sorted), and a long clause stays fast.
  @Test(arguments: [10, 64, 65, 5_000])
  func bigramsAreDistinctAndSorted(_ length: Int) {
    var generator = SplitMix64(seed: UInt64(length))
    let scalars = (0..<length).map { _ in UInt32(0x4E00 + Int.random(in: 0..<12, using: &generator)) }
    var bigrams: [UInt64] = []
    FuzzyIndex.bigrams(scalars[...], into: &bigrams)
    let expected = Set(zip(scalars, scalars.dropFirst()).map { UInt64($0) << 32 | UInt64($1) }).sorted()
    #expect(bigrams == expected)
  }

  /// A reply with more term occurrences than the first (stack) buffer holds is scanned again into
  /// a larger one: nothing is lost at the boundary.
  @Test func repliesWithMoreOccurrencesThanTheFirstBufferLoseNothing() {
    let clause = "我理解您的心情，这个不能让您失望，不行就是不行。"
    let reply = String(repeating: clause, count: 40)  // about 160 refusals alone
    let single = Self.matcher.analyze(clause).hits
    let many = Self.matcher.analyze(reply).hits
    #expect(many.count == single.count * 40)
    #expect(Set(many.map(\.cue)) == Set(single.map(\.cue)))
    #expect(many.last?.range.upperBound == reply.unicodeScalars.count - 1)
  }

  @Test func overlappingHitsOfOneCueCollapse() {
    #expect(Self.matcher.analyze("不行不行").hits(of: "refusal").count == 2)
    #expect(Self.matcher.analyze("理解您的心情心情").hits(of: "empathy").count == 1)
  }
}

@Suite struct AhoCorasickTests {
  /// Letters are 16-bit in the flat table; a lexicon with more distinct characters than that
  /// still matches, through the table's overflow dictionary.
  @Test func moreDistinctCharactersThanSixteenBitLetters() {
    let astral = (0..<70_000).map { [UInt32(0x20000 + $0)] }
    let terms = astral + [[0x4E00, 0x4E01], [0x4E01]]
    let text: [UInt32] = [0x4E00, 0x4E01, 0x20005, 0x41]
    var matches: [AhoCorasick.Match] = []
    text.withUnsafeBufferPointer { AhoCorasick(terms: terms).scan($0, into: &matches) }
    #expect(Set(matches.map { [$0.term, $0.end] }) == [[70_000, 2], [70_001, 2], [5, 3]])
  }

  /// The automaton finds exactly what a naive search finds, on random texts over small
  /// alphabets (where overlaps and failure links are exercised hardest). Even seeds use 3
  /// letters; odd seeds use 14, so states get more than 8 edges (kept in a hash table), and
  /// the text also has scalars no term uses (which send the automaton back to the root).
  /// Texts of every length around the two-lane threshold, short and long, so both the
  /// one-lane walk and the two interleaved lanes (and where they meet) are checked.
  @Test(arguments: 0..<20)
  func agreesWithNaiveSearch(_ seed: Int) {
    var generator = SplitMix64(seed: UInt64(seed) &+ 1)
    let size = seed % 2 == 0 ? 3 : 14
    let alphabet: [UInt32] = (0..<UInt32(size)).map { 0x4E00 + $0 }
    let termCount = seed % 2 == 0 ? 8 : 60
    let terms = (0..<termCount).map { _ in
      (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
    }
    let automaton = AhoCorasick(terms: terms)
    let textAlphabet = alphabet + [0x41, 0x1F600]
    let threshold = AhoCorasick.shortestTwoLaneText
    for length in [1, 7, threshold - 1, threshold, threshold + 1, threshold + 2, 101, 300] {
      let text = (0..<length).map { _ in textAlphabet.randomElement(using: &generator)! }
      var matches: [AhoCorasick.Match] = []
      text.withUnsafeBufferPointer { automaton.scan($0, into: &matches) }
      // What a naive search finds, in order of end (at each end, longest first).
      var expected: [AhoCorasick.Match] = []
      for end in 1...text.count {
        var here = terms.indices.filter { index in
          terms[index].count <= end && Array(text[(end - terms[index].count)..<end]) == terms[index]
        }
        here.sort { (terms[$0].count, $1) > (terms[$1].count, $0) }
        expected += here.map { AhoCorasick.Match(term: Int32($0), end: Int32(end)) }
      }
      #expect(matches.map(\.end) == expected.map(\.end), "length \(length)")
      #expect(Set(matches) == Set(expected), "length \(length)")
      #expect(matches.count == expected.count, "length \(length)")
    }
  }

  /// A buffer with room for `text.count * mostOutputsPerState` matches always suffices, however
  /// the lanes share it; one too small reports that it filled rather than dropping matches.
  @Test func aFullBufferIsReportedNotTruncated() {
    let terms: [[UInt32]] = [[0x4E00], [0x4E00, 0x4E00], [0x4E00, 0x4E00, 0x4E00]]
    let automaton = AhoCorasick(terms: terms)
    for length in [5, AhoCorasick.shortestTwoLaneText, 120] {
      let text = [UInt32](repeating: 0x4E00, count: length)
      let all = 3 * length - 3  // every run of one, two and three characters
      text.withUnsafeBufferPointer { text in
        let roomy = UnsafeMutableBufferPointer<AhoCorasick.Match>.allocate(capacity: length * automaton.mostOutputsPerState)
        defer { roomy.deallocate() }
        #expect(automaton.scan(text, into: roomy) == all, "length \(length)")
        let tight = UnsafeMutableBufferPointer<AhoCorasick.Match>.allocate(capacity: all - 1)
        defer { tight.deallocate() }
        #expect(automaton.scan(text, into: tight) == nil, "length \(length)")
      }
    }
  }
}

@Suite struct DoubleArrayTests {
  /// Whatever the rows, no two claim a cell, no two non-empty rows share a base, empty rows get
  /// a base whose cells are all free, and every `base + letter` is inside the array. Wide,
  /// dense rows exhaust first fit and are placed past the others.
  @Test(arguments: [(rows: 300, width: 400, longest: 60), (rows: 2_000, width: 1_400, longest: 8), (rows: 50, width: 20, longest: 20)])
  func rowsNeverCollide(_ shape: (rows: Int, width: Int, longest: Int)) {
    var generator = SplitMix64(seed: UInt64(shape.rows))
    let rows: [[Int32]] = (0..<shape.rows).map { index in
      guard index % 7 != 0 else { return [] }
      let count = Int.random(in: 1...shape.longest, using: &generator)
      return Array(Set((0..<count).map { _ in Int32.random(in: 1...Int32(shape.width), using: &generator) })).sorted()
    }
    let packed = DoubleArray(rows: rows, letterCount: shape.width)
    var owner = [Int](repeating: -1, count: packed.cellCount)
    var bases: Set<Int32> = []
    for (index, row) in rows.enumerated() {
      let base = packed.bases[index]
      #expect(base >= 0 && Int(base) + shape.width < packed.cellCount)
      if row.isEmpty { continue }
      #expect(bases.insert(base).inserted, "row \(index) shares base \(base)")
      for letter in row {
        #expect(owner[Int(base + letter)] == -1, "row \(index) collides at \(base + letter)")
        owner[Int(base + letter)] = index
      }
    }
    let emptyBase = Int(packed.bases[0])  // row 0 is empty
    #expect(!bases.contains(Int32(emptyBase)))
    #expect((0...shape.width).allSatisfy { owner[emptyBase + $0] == -1 })
  }
}
