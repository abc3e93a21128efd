import Foundation
import Scoring
import Testing
import TextAnalysis

/// The red-line model beside the lexicon: the shipped file reproduces what the training script
/// computed, and the scorer uses it as documented — it confirms lexicon hits, flags what the
/// lexicon missed, explains both, and never overrules a fact found in the text.
@Suite struct RedLineModelTests {
  /// A hand-made model: "谁让" weighs towards blaming, "理解" towards no red line; a reply with
  /// neither is judged by the intercepts alone (no red line).
  static let model = try! RedLineModel("""
    # test model
    classes\tblame-customer\tnone
    intercepts\t-2\t2
    thresholds\t0.3\t0.85
    ngrams\t1\t2
    谁让\t1.5\t8\t0
    理解\t1.5\t0\t8
    """)

  static let lexicon = CueLexicon(cues: [
    CueDefinition(
      id: "blames-customer", title: "指责客户", polarity: .negative, patterns: [try! CuePattern.parse("您自己的问题")],
      exceptions: [], negators: [], detector: nil, fuzzyThreshold: nil, matchExamples: [], noMatchExamples: [])
  ])
  static let matcher = CueMatcher(lexicon: lexicon)
  static let rubric = Rubric(
    id: "test", title: "测试", passMark: 0,
    dimensions: [Dimension(id: "d", title: "维度", weight: 100, criteria: [])],
    redLines: [
      RedLine(id: "blame-customer", title: "指责客户", cues: ["blames-customer"], feedback: "不得指责客户。"),
      RedLine(id: "pii-leak", title: "泄露个人信息", cues: [], feedback: "不得泄露信息。"),
    ])

  static func score(_ reply: String, model: RedLineModel? = Self.model, confidential: [String] = []) -> Scorecard {
    let detector = DisclosureDetector(facts: [(id: "payee", disclosure: confidential)])
    let turns = [
      AnalyzedTurn(speaker: .customer, at: nil, analysis: nil),
      AnalyzedTurn(speaker: .trainee, at: nil, analysis: detector.augment(matcher.analyze(reply))),
    ]
    return Scorer(rubric: rubric, lexicon: lexicon, redLineModel: model).score(
      id: "t", scenario: ScenarioFacts(id: "s", archetype: "angry", variants: []), turns: turns, outcome: nil)
  }

  @Test func shippedModelReproducesTheTrainingScriptsProbabilities() throws {
    let model = try #require(RedLineModel.shipped, "the red-line model resource must load")
    #expect(model.checks.count >= 5)
    #expect(model.classes.contains(RedLineModel.noneClass))
    for check in model.checks {
      let probability = model.probability(TextNormalizer.shared.normalize(check.text))
      #expect(abs(probability - check.probability) < 1e-6, "\(check.text)")
    }
  }

  @Test func theModelFlagsARedLineTheLexiconMissedAndSaysWhy() throws {
    let card = Self.score("早就提醒过，谁让你不听呢。后面我来处理。")
    let hit = try #require(card.redLines.first)
    #expect(card.redLines.count == 1)
    #expect(hit.id == "blame-customer")
    #expect(hit.quote == "谁让你不听呢")
    #expect(hit.basis?.hasPrefix("red-line model 9") == true)
    #expect(hit.feedback.contains("红线判别模型判定") && hit.feedback.contains("“谁让”"))
    #expect(!card.passed)
    // Without the model the lexicon alone decides, and it has no pattern for this.
    #expect(Self.score("早就提醒过，谁让你不听呢。", model: nil).redLines.isEmpty)
  }

  @Test func aLexiconHitTheModelDoesNotConfirmIsNotCountedAndANoteSaysSo() throws {
    let card = Self.score("我理解，这不是您自己的问题。")
    #expect(card.redLines.isEmpty)
    #expect(card.notes.contains { $0.contains("blames-customer") && $0.contains("未计为红线") })
    // The lexicon alone counts it.
    #expect(Self.score("我理解，这不是您自己的问题。", model: nil).redLines.map(\.id) == ["blame-customer"])
  }

  @Test func aConfirmedLexiconHitKeepsTheCueAsItsBasis() throws {
    let card = Self.score("谁让您不看，这是您自己的问题。")
    let hit = try #require(card.redLines.first)
    #expect(card.redLines.count == 1)
    #expect(hit.basis == "cue blames-customer: pattern '您自己的问题'")
  }

  @Test func aConfidentialFactFoundInTheTextIsNeverOverruled() {
    let card = Self.score("我理解您，收款人是王建国。", confidential: ["王建国"])
    #expect(card.redLines.map(\.id) == ["pii-leak"])
  }

  @Test func gradingWithTheModelIsDeterministic() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let reply = "谁让你不听呢，我理解你着急。"
    #expect(try encoder.encode(Self.score(reply)) == encoder.encode(Self.score(reply)))
    let shipped = try #require(RedLineModel.shipped)
    let text = TextNormalizer.shared.normalize("这个损失我们全部赔给您，我保证。")
    #expect(shipped.probability(text).bitPattern == shipped.probability(text).bitPattern)
  }

  @Test func aMalformedModelNamesTheLine() {
    #expect(throws: RedLineModel.FormatError.self) {
      try RedLineModel("classes\tnone\tx\nintercepts\t0\t0\nthresholds\t0.3\t0.85\nngrams\t1\t2\n谁让\tabc\t1\t2\n")
    }
    do {
      _ = try RedLineModel("classes\tnone\tx\nintercepts\t0\t0\nthresholds\t0.3\t0.85\nngrams\t1\t2\n谁让\tabc\t1\t2\n")
    } catch {
      #expect(error.line == 5)
      #expect(error.description.contains("'abc' is not a number"))
    }
    #expect(throws: RedLineModel.FormatError.self) { try RedLineModel("classes\ta\tb\n") }
  }
}
