import Foundation
import Scoring
import Testing
import TextAnalysis

/// The scorer reads like the rubric: each rule kind, red lines, weights, and what it refuses
/// to judge without the data.
@Suite struct ScorerTests {
  static let lexicon = CueLexicon(cues: [
    cue("empathy", patterns: ["理解您", "换谁都会…着急"]),
    cue("apology", patterns: ["抱歉", "对不起"]),
    cue("solution", patterns: ["为您申请", "帮您办理"]),
    cue("blunt-refusal", patterns: ["不行", "不可能"], except: ["不可能让您白跑"]),
    cue("blames-customer", patterns: ["您自己的问题", "谁让您"]),
  ])
  static let matcher = CueMatcher(lexicon: lexicon)

  static func cue(_ id: String, patterns: [String], except: [String] = []) -> CueDefinition {
    CueDefinition(
      id: id, title: id, polarity: .neutral, patterns: patterns.map { try! CuePattern.parse($0) },
      exceptions: except, negators: [], detector: nil, fuzzyThreshold: nil, matchExamples: [], noMatchExamples: [])
  }

  static let rubric = Rubric(
    id: "test", title: "测试", passMark: 60,
    dimensions: [
      Dimension(id: "emotion", title: "情绪", weight: 30, criteria: [
        Criterion(id: "empathy", title: "共情", points: 4, appliesTo: .init(), rule: .present(cues: ["empathy"], count: 1), feedback: "先共情。", model: "我理解您的心情。"),
        Criterion(id: "empathy-first", title: "先情绪后方案", points: 4, appliesTo: .init(archetypes: ["angry"]), rule: .ordering(first: "empathy", before: "solution"), feedback: "先处理情绪。", model: nil),
      ]),
      Dimension(id: "solving", title: "解决", weight: 30, criteria: [
        Criterion(id: "solution", title: "给出方案", points: 6, appliesTo: .init(), rule: .present(cues: ["solution"], count: 1), feedback: "给出方案。", model: nil),
        Criterion(id: "no-refusal", title: "不生硬拒绝", points: 4, appliesTo: .init(), rule: .penalty(cues: ["blunt-refusal"], each: 2, cap: 4), feedback: "别说不行。", model: nil),
      ]),
      Dimension(id: "outcome", title: "结果", weight: 40, criteria: [
        Criterion(id: "resolved", title: "化解", points: 5, appliesTo: .init(), rule: .outcome(endings: ["resolved"], mood: [.init(variable: "anger", min: nil, max: 40)]), feedback: "让客户平复。", model: nil),
        Criterion(id: "timely", title: "及时", points: 5, appliesTo: .init(), rule: .timing(maxSeconds: 60), feedback: "及时回复。", model: nil),
      ]),
    ],
    redLines: [RedLine(id: "blame-customer", title: "指责客户", cues: ["blames-customer"], feedback: "不得指责客户。")])

  static let angry = ScenarioFacts(id: "s", archetype: "angry", variants: [])

  static func turns(_ replies: [String], at times: [Date?]? = nil) -> [AnalyzedTurn] {
    replies.enumerated().flatMap { index, reply in
      [
        AnalyzedTurn(speaker: .customer, at: times?[index * 2] ?? nil, analysis: nil),
        AnalyzedTurn(speaker: .trainee, at: times?[index * 2 + 1] ?? nil, analysis: matcher.analyze(reply)),
      ]
    }
  }

  func criterion(_ card: Scorecard, _ id: String) -> CriterionResult? { card.criteria.first { $0.id == id } }

  /// A scorecard read back from its JSON is the same scorecard, with the contract's keys (a
  /// criterion's fixed fields live in a shared box, but are written like any other field).
  @Test func scorecardsSurviveAJSONRoundTrip() throws {
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["我理解您现在很着急。", "不行，这是您自己的问题。"]),
      outcome: ConversationOutcome(outcome: "hung-up", mood: ["anger": 80]))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = try encoder.encode(card)
    #expect(try JSONDecoder().decode(Scorecard.self, from: json) == card)
    #expect(criterion(card, "empathy")?.evidence.first?.match == "pattern '理解您'")
    #expect(card.redLines.first?.basis == "cue blames-customer: pattern '您自己的问题'")
    let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    let criteria = try #require(object["criteria"] as? [[String: Any]])
    let empathy = try #require(criteria.first { $0["id"] as? String == "empathy" })
    #expect(Set(empathy.keys) == ["id", "title", "dimension", "status", "points", "max", "evidence", "feedback", "model"])
    let solution = try #require(criteria.first { $0["id"] as? String == "solution" })
    #expect(solution["model"] == nil)  // no model phrasing: the key is left out, not null
    var edited = try #require(criterion(card, "empathy"))
    edited.title = "共情（改）"
    #expect(edited.title == "共情（改）" && edited.id == "empathy" && edited.max == 4 && edited.model == "我理解您的心情。")
    #expect(edited != criterion(card, "empathy"))
  }

  /// A result's fields read and write like stored ones, though results of a criterion share
  /// one box for them: changing one changes that result only.
  @Test func resultFieldsAreSetOneByOne() throws {
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["我理解您现在很着急。"]), outcome: nil)
    let original = try #require(criterion(card, "empathy"))
    var changed = original
    changed.feedback = "改过的反馈"
    changed.title = "改过的标题"
    #expect(changed.feedback == "改过的反馈" && changed.title == "改过的标题")
    #expect(changed.id == original.id && changed.dimension == original.dimension && changed.max == original.max)
    #expect(changed.model == original.model && changed.status == original.status)
    #expect(original.feedback == "做到了：共情。" && original.title == "共情")
    #expect(criterion(card, "empathy") == original)
  }

  /// What a pattern hit is explained with does not depend on the hit naming its pattern: a hit
  /// without the index, or with one that names another cue's pattern, is explained anew, alike.
  @Test func patternHitsAreExplainedAlikeWithOrWithoutTheirIndex() throws {
    let analysis = Self.matcher.analyze("我理解您现在很着急，这是您自己的问题。")
    #expect(analysis.hits.allSatisfy { $0.patternIndex >= 0 })
    func card(_ patternIndex: (CueHit) -> Int32) -> Scorecard {
      let hits = analysis.hits.map {
        CueHit(cue: $0.cue, cueIndex: $0.cueIndex, range: $0.range, evidence: $0.evidence, patternIndex: patternIndex($0))
      }
      let reply = ReplyAnalysis(text: analysis.text, hits: hits, quantities: analysis.quantities)
      return Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
        id: "t", scenario: Self.angry, turns: [AnalyzedTurn(speaker: .trainee, at: nil, analysis: reply)], outcome: nil)
    }
    let indexed = card(\.patternIndex)
    #expect(criterion(indexed, "empathy")?.evidence.first?.match == "pattern '理解您'")
    #expect(indexed.redLines.first?.basis == "cue blames-customer: pattern '您自己的问题'")
    #expect(card { _ in -1 } == indexed)
    #expect(card { _ in 0 } == indexed)  // the empathy cue's first pattern, named by every hit
    #expect(card { _ in 1_000 } == indexed)
  }

  @Test func empathyBeforeSolutionEarnsBothWithQuotedEvidence() throws {
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["我理解您现在很着急。", "我马上为您申请退款。"]), outcome: nil)
    let ordering = try #require(criterion(card, "empathy-first"))
    #expect(ordering.status == .met)
    #expect(ordering.evidence.map(\.turn) == [1, 2])
    #expect(ordering.evidence.first?.quote == "我理解您现在很着急")
    #expect(criterion(card, "solution")?.points == 6)
  }

  @Test func solutionBeforeEmpathyLosesTheOrderingPoints() {
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["我为您申请退款。", "理解您的心情。"]), outcome: nil)
    #expect(criterion(card, "empathy-first")?.status == .missed)
    #expect(criterion(card, "empathy-first")?.feedback == "先处理情绪。")
  }

  @Test func orderingOnlyIfBeforeIsNotApplicableWhenBeforeNeverOccurs() throws {
    var rubric = Self.rubric
    rubric.dimensions[0].criteria[1].rule = .ordering(first: "empathy", before: "solution", onlyIfBefore: true)
    let scorer = Scorer(rubric: rubric, lexicon: Self.lexicon)
    let without = scorer.score(id: "t", scenario: Self.angry, turns: Self.turns(["对不起。"]), outcome: nil)
    #expect(criterion(without, "empathy-first")?.status == .notApplicable)
    let late = scorer.score(id: "t", scenario: Self.angry, turns: Self.turns(["为您申请。", "理解您。"]), outcome: nil)
    #expect(criterion(late, "empathy-first")?.status == .missed)
  }

  @Test func criteriaForOtherArchetypesAreNotApplicable() {
    let rational = ScenarioFacts(id: "s", archetype: "rational", variants: [])
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(id: "t", scenario: rational, turns: Self.turns(["理解您。"]), outcome: nil)
    #expect(criterion(card, "empathy-first")?.status == .notApplicable)
  }

  @Test func penaltiesCountEveryOccurrenceUpToTheCap() {
    let once = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(id: "t", scenario: Self.angry, turns: Self.turns(["这个不行。"]), outcome: nil)
    #expect(criterion(once, "no-refusal")?.points == 2)
    let often = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["不行，不行，真的不可能。"]), outcome: nil)
    #expect(criterion(often, "no-refusal")?.points == 0)
  }

  @Test func exceptionPhrasesDoNotCount() {
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["不可能让您白跑一趟。"]), outcome: nil)
    #expect(criterion(card, "no-refusal")?.status == .met)
  }

  @Test func redLineFailsWhateverThePoints() throws {
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry,
      turns: Self.turns(["理解您，我为您申请退款，不过说实话这是您自己的问题。"]),
      outcome: ConversationOutcome(outcome: "resolved", mood: ["anger": 10]))
    #expect(card.score > 60)
    #expect(!card.passed)
    let hit = try #require(card.redLines.first)
    #expect(hit.id == "blame-customer" && hit.turn == 1)
    #expect(hit.quote == "不过说实话这是您自己的问题")
  }

  @Test func withoutAReplayOutcomeCriteriaAreNotApplicableAndSaidSo() {
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(id: "t", scenario: Self.angry, turns: Self.turns(["理解您。"]), outcome: nil)
    #expect(criterion(card, "resolved")?.status == .notApplicable)
    #expect(card.ending == nil && card.mood == nil)
    #expect(card.notes.contains { $0.contains("未经客户模型回放") })
    #expect(card.notes.contains { $0.contains("没有时间戳") })
  }

  @Test func outcomeCriteriaUseEndingAndFinalMood() {
    let calm = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["理解您。"]), outcome: .init(outcome: "resolved", mood: ["anger": 30]))
    #expect(criterion(calm, "resolved")?.status == .met)
    let stillAngry = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["理解您。"]), outcome: .init(outcome: "resolved", mood: ["anger": 60]))
    #expect(criterion(stillAngry, "resolved")?.status == .missed)
  }

  @Test func timingUsesTimestamps() {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let times: [Date?] = [start, start.addingTimeInterval(20), start.addingTimeInterval(30), start.addingTimeInterval(200)]
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["理解您。", "为您申请。"], at: times), outcome: nil)
    let timely = criterion(card, "timely")
    #expect(timely?.status == .partial)
    #expect(timely?.points == 2.5)
    #expect(timely?.evidence.map(\.turn) == [2])
  }

  @Test func weightsAreNormalisedOverGradedDimensions() {
    // Without a replay or timestamps the outcome dimension grades nothing: the other two share 100.
    let card = Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(
      id: "t", scenario: Self.angry, turns: Self.turns(["理解您，马上为您申请。"]), outcome: nil)
    #expect(card.dimensions.map(\.max) == [50, 50, 0])
    #expect(card.score == 100)
  }

  @Test func scenarioWeightsAndDisabledCriteriaApply() {
    let scorer = Scorer(rubric: Self.rubric, lexicon: Self.lexicon, weights: ["emotion": 10], disabled: ["solution"])
    let card = scorer.score(id: "t", scenario: Self.angry, turns: Self.turns(["理解您。"]), outcome: nil)
    #expect(card.dimensions.map(\.max) == [25, 75, 0])
    #expect(criterion(card, "solution")?.status == .notApplicable)
  }

  @Test func sameTranscriptTwiceAndAfterARubricRoundTripIsByteIdentical() throws {
    let turns = Self.turns(["换谁都会着急，对不起。", "不行的话我帮您办理别的。"])
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let first = try encoder.encode(Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(id: "t", scenario: Self.angry, turns: turns, outcome: nil))
    let second = try encoder.encode(Scorer(rubric: Self.rubric, lexicon: Self.lexicon).score(id: "t", scenario: Self.angry, turns: turns, outcome: nil))
    let roundTripped = try JSONDecoder().decode(Rubric.self, from: try encoder.encode(Self.rubric))
    let third = try encoder.encode(Scorer(rubric: roundTripped, lexicon: Self.lexicon).score(id: "t", scenario: Self.angry, turns: turns, outcome: nil))
    #expect(first == second)
    #expect(first == third)
  }
}
