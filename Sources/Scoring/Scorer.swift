import Foundation
import TextAnalysis

/// One transcript turn ready for scoring: trainee turns carry their analysis (computed once,
/// shared with the customer model).
public struct AnalyzedTurn: Sendable {
  public var speaker: Transcript.Speaker
  public var at: Date?
  /// For trainee turns: the analysis of the reply. Nil for customer turns.
  public var analysis: ReplyAnalysis?

  public init(speaker: Transcript.Speaker, at: Date?, analysis: ReplyAnalysis?) {
    self.speaker = speaker
    self.at = at
    self.analysis = analysis
  }
}

/// How the conversation ended, from the customer model's replay.
public struct ConversationOutcome: Sendable, Hashable {
  /// The ending's id, or nil when the replayed conversation had not ended.
  public var ending: String?
  /// The ending's outcome name (`resolved`, `hung-up`, …), or nil when not ended.
  public var outcome: String?
  /// The customer's final mood.
  public var mood: [String: Int]

  public init(ending: String? = nil, outcome: String?, mood: [String: Int]) {
    self.ending = ending ?? outcome
    self.outcome = outcome
    self.mood = mood
  }
}

/// What the scorer needs to know about the scenario.
public struct ScenarioFacts: Sendable, Hashable {
  public var id: String
  public var archetype: String
  public var variants: [String]

  public init(id: String, archetype: String, variants: [String]) {
    self.id = id
    self.archetype = archetype
    self.variants = variants
  }
}

/// Grades a transcript against a rubric: deterministic, every point traced to quoted evidence
/// and a rubric line, red lines failing the attempt whatever the points.
public struct Scorer: Sendable {
  public let rubric: Rubric
  /// Criteria switched off for this scenario.
  public let disabled: Set<String>
  /// Every criterion, flattened once, in reference boxes: a scorecard reads each one, and
  /// copying a `Criterion` value out of an array would retain all its strings and lists.
  private let criteria: [CompiledCriterion]
  /// The cues each red line watches, as indices (pii-leak also watches confidential disclosures).
  private let redLineCues: [CueSet]
  /// Whether the rubric declares pii-leak (decided once: searching the red lines per reply
  /// copies each one out, strings and all).
  private let declaresPIILeak: Bool
  /// The second opinion on red lines (nil: the lexicon alone decides).
  public let redLineModel: RedLineModel?
  /// The scenario this scorer grades, when told at `init`, and per criterion whether it applies
  /// there (decided once rather than by comparing archetype and variant names per scorecard).
  private let scenario: ScenarioFacts?
  private let appliesToScenario: [Bool]?

  /// The red-line penalty as notes print it ("20"), formatted once.
  private let penaltyText: String
  /// What evidence and red lines say about the hits of lexicon patterns, written once.
  private let explanations: HitExplanations

  /// The red line that confidential disclosures count as.
  public static let piiLeakRedLine = "pii-leak"

  /// - Parameters:
  ///   - rubric: the rubric as compiled.
  ///   - weights: per-scenario dimension weights replacing the rubric's.
  ///   - disabled: criterion ids not graded in this scenario.
  ///   - lexicon: the cue lexicon the analyses were made with.
  ///   - redLineModel: confirms lexicon red lines and flags those the lexicon missed (see
  ///     ``redLineHits(_:notes:)``); nil to let the lexicon alone decide.
  ///   - scenario: the scenario this scorer will grade, if it grades one (a scorecard for
  ///     another scenario is still right, only slower).
  public init(
    rubric: Rubric, lexicon: CueLexicon, weights: [String: Double] = [:], disabled: [String] = [],
    redLineModel: RedLineModel? = nil, scenario: ScenarioFacts? = nil
  ) {
    var rubric = rubric
    for index in rubric.dimensions.indices {
      if let weight = weights[rubric.dimensions[index].id] { rubric.dimensions[index].weight = weight }
    }
    self.rubric = rubric
    self.disabled = Set(disabled)
    self.redLineModel = redLineModel
    let cues = CueIndex(lexicon)
    var position = 0
    let criteria = rubric.dimensions.enumerated().flatMap { dimensionIndex, dimension in
      dimension.criteria.map { criterion in
        let wanted: [Int32]
        if case .ordering(let first, let before, _) = criterion.rule {
          wanted = [cues(first), cues(before)]
        } else {
          wanted = cues(criterion.rule.cues)
        }
        defer { position += 1 }
        return CompiledCriterion(
          criterion: criterion, position: position, dimension: dimensionIndex, dimensionID: dimension.id, cues: wanted,
          isDisabled: disabled.contains(criterion.id))
      }
    }
    self.criteria = criteria
    self.scenario = scenario
    appliesToScenario = scenario.map { scenario in
      criteria.map { $0.criterion.appliesTo.includes(archetype: scenario.archetype, variants: scenario.variants) }
    }
    penaltyText = rubric.redLinePenalty.compact
    declaresPIILeak = rubric.redLines.contains { $0.id == Self.piiLeakRedLine }
    explanations = HitExplanations(lexicon)
    redLineCues = rubric.redLines.map { redLine in
      CueSet(cues(redLine.cues + (redLine.id == Self.piiLeakRedLine ? [DisclosureDetector.cueID] : [])))
    }
  }

  public func score(
    id: String, scenario: ScenarioFacts, turns: [AnalyzedTurn], outcome: ConversationOutcome?
  ) -> Scorecard {
    let trainee = TraineeTurns(turns, explanations: explanations)
    var notes: [String] = []
    if outcome == nil {
      notes.append("结局与情绪类评分项不适用：本次评分未经客户模型回放。")
    }
    var results: [CriterionResult] = []
    results.reserveCapacity(criteria.count)
    let applies = scenario == self.scenario ? appliesToScenario : nil
    for entry in criteria {
      results.append(evaluate(entry, scenario: scenario, applies: applies, trainee: trainee, outcome: outcome))
    }
    // Timing criteria without timestamps (not those disabled or for other archetypes). Tested by
    // rule and equality first: a prefix test on Chinese text walks graphemes, for every criterion.
    if results.indices.contains(where: {
      criteria[$0].isTiming && results[$0].status == .notApplicable && results[$0].feedback == Self.timingNote
    }) {
      notes.append(Self.timingNote)
    }

    // Dimensions: weights of dimensions with something to grade are normalised to 100.
    // One pass over the results (no filtered copies: this runs for every graded transcript).
    var possible = [Double](filling: 0, count: rubric.dimensions.count)
    var earned = [Double](filling: 0, count: rubric.dimensions.count)
    for index in results.indices where results[index].status != .notApplicable {
      possible[criteria[index].dimension] += results[index].max
      earned[criteria[index].dimension] += results[index].points
    }
    let totalWeight = rubric.dimensions.indices.reduce(0) { possible[$1] > 0 ? $0 + rubric.dimensions[$1].weight : $0 }
    var dimensions: [DimensionScore] = []
    dimensions.reserveCapacity(rubric.dimensions.count)
    for (index, dimension) in rubric.dimensions.enumerated() {
      let share = totalWeight > 0 && possible[index] > 0 ? dimension.weight / totalWeight * 100 : 0
      let score = possible[index] > 0 ? share * earned[index] / possible[index] : 0
      dimensions.append(DimensionScore(id: dimension.id, title: dimension.title, score: Self.round(score), max: Self.round(share)))
    }
    let redLines = redLineHits(trainee, notes: &notes)
    // Distinct red lines, counted in place (a set of their ids cost more than the rest).
    let crossed = redLines.indices.count { index in !redLines[..<index].contains { $0.id == redLines[index].id } }
    if crossed > 0, rubric.redLinePenalty > 0 {
      notes.append("触碰红线 \(crossed) 项，每项扣 \(penaltyText) 分，且本次不合格。")
    }
    let total = Self.round(max(0, dimensions.reduce(0) { $0 + $1.score } - rubric.redLinePenalty * Double(crossed)))
    return Scorecard(
      id: id, scenario: scenario.id, score: total, passed: redLines.isEmpty && total >= rubric.passMark,
      passMark: rubric.passMark, redLines: redLines, dimensions: dimensions, criteria: results,
      ending: outcome?.ending, outcome: outcome?.outcome, mood: outcome?.mood, notes: notes)
  }

  // MARK: Criteria

  static let timingNote = "时效类评分项不适用：对话记录没有时间戳（at）。"

  /// - Parameter applies: per criterion, whether it applies to `scenario`, when known in advance.
  private func evaluate(
    _ entry: CompiledCriterion, scenario: ScenarioFacts, applies: [Bool]?, trainee: TraineeTurns,
    outcome: ConversationOutcome?
  ) -> CriterionResult {
    // The result is built once, at the end: this runs for every criterion of every scorecard,
    // and each build or copy of a result retains its strings.
    func notApplicable(_ why: NotApplicable) -> CriterionResult {
      entry.result(status: .notApplicable, points: 0, evidence: [], feedback: entry.notApplicable[why.rawValue])
    }
    if entry.isDisabled { return notApplicable(.disabled) }
    if !(applies?[entry.position] ?? entry.criterion.appliesTo.includes(archetype: scenario.archetype, variants: scenario.variants)) {
      return notApplicable(.otherCustomers)
    }
    let wanted = entry.cues
    let wantedSet = entry.cueSet
    let points = entry.points
    var earned = 0.0
    var evidence: [CriterionResult.Evidence] = []
    switch entry.check {
    case .present(let count):
      evidence = trainee.evidence(for: wantedSet)  // one per reply showing a cue
      earned = points * min(1, Double(evidence.count) / Double(max(1, count)))
    case .absent:
      evidence = trainee.evidence(for: wantedSet)
      earned = evidence.isEmpty ? points : 0
    case .ordering(let onlyIfBefore):
      let first = trainee.firstReply(showing: wanted[0])
      let before = trainee.firstReply(showing: wanted[1])
      if before == nil, onlyIfBefore { return notApplicable(.notRaised) }
      evidence.reserveCapacity(2)
      if let first, let quote = trainee.evidence(for: wanted[0], inReply: first) { evidence.append(quote) }
      if let before, let quote = trainee.evidence(for: wanted[1], inReply: before) { evidence.append(quote) }
      if let first {
        earned = before.map { first <= $0 } ?? true ? points : 0
      }
    case .penalty(let each, let cap):
      let occurrences = trainee.occurrences(of: wantedSet)
      evidence = trainee.evidence(for: wantedSet)
      earned = max(0, points - min(cap, each * Double(occurrences)))
    case .outcome:
      guard let outcome else { return notApplicable(.needsReplay) }
      let endings = entry.endings
      let endingOK = endings.isEmpty || outcome.outcome.map(endings.contains) == true
      let moodOK = entry.mood.allSatisfy { bound in
        guard let value = outcome.mood[bound.variable].map(Double.init) else { return false }
        return (bound.min.map { value >= $0 } ?? true) && (bound.max.map { value <= $0 } ?? true)
      }
      earned = endingOK && moodOK ? points : 0
    case .timing(let maxSeconds):
      guard let delays = trainee.replyDelays() else { return notApplicable(.noTimestamps) }
      let late = delays.filter { $0.seconds > maxSeconds }
      earned = late.isEmpty ? points : points * Double(delays.count - late.count) / Double(max(1, delays.count))
      evidence = late.map { .init(turn: $0.turn, quote: "回复用时\(Int($0.seconds))秒", cue: nil, match: nil) }
    }
    earned = Self.round(earned)
    let status: CriterionResult.Status = earned >= points ? .met : (earned > 0 ? .partial : .missed)
    return entry.result(status: status, points: earned, evidence: evidence, feedback: status == .met ? entry.met : entry.missed)
  }

  /// Why a criterion is not graded, with what its result says.
  enum NotApplicable: Int, CaseIterable {
    case disabled, otherCustomers, notRaised, needsReplay, noTimestamps

    var feedback: String {
      switch self {
      case .disabled: "本场景不考核此项。"
      case .otherCustomers: "此项不适用于本类客户。"
      case .notRaised: "本次对话没有涉及此项。"
      case .needsReplay: "需要客户模型回放后才能判断结局与情绪。"
      case .noTimestamps: Scorer.timingNote
      }
    }
  }

  // MARK: Red lines

  /// The red lines crossed, at most one per red line and turn.
  ///
  /// With a ``RedLineModel``: a lexicon hit stands only if the model gives the reply at least its
  /// confirm threshold (a note says when one does not), except confidential facts and personal
  /// data recognised in the text, which the model cannot know about; and a reply without a
  /// lexicon red line is flagged when the model gives it at least its flag threshold.
  private func redLineHits(_ trainee: TraineeTurns, notes: inout [String]) -> [RedLineHit] {
    var hitsFound: [RedLineHit] = []
    // Read once: each read of the stored optional went through a generic copy (a metadata look-up
    // and an indirect call), three times per reply; the thresholds too, for the same reason.
    let redLineModel = redLineModel
    let confirmThreshold = redLineModel?.confirmThreshold
    // Per reply, the red lines shown: each one's rubric position (nil for a disclosure counted
    // as pii-leak) and the index of its first hit. Indices rather than copies of the hits and
    // red lines, which would retain their strings; one buffer for every reply.
    var found: [(redLine: Int?, hit: Int)] = []
    found.reserveCapacity(redLineCues.count + 1)
    for index in trainee.analyses.indices {
      let analysis = trainee.analyses[index]
      let hits = analysis.hits
      let turn = trainee.numbers[index]
      found.removeAll(keepingCapacity: true)
      for (position, cues) in redLineCues.enumerated() {
        if let hit = trainee.firstHitIndex(of: cues, inReply: index) { found.append((position, hit)) }
      }
      // A disclosure is a red line even in a rubric that forgot to declare pii-leak.
      if !declaresPIILeak, let hit = trainee.firstHitIndex(of: Self.disclosureCues, inReply: index) {
        found.append((nil, hit))
      }
      var probability: Double?
      if let model = redLineModel, found.isEmpty || found.contains(where: { !Self.isFactual(hits[$0.hit]) }) {
        probability = model.probability(analysis.text)
      }
      for (position, hit) in found {
        if let confirmThreshold, !Self.isFactual(hits[hit]), let probability, probability < confirmThreshold {
          notes.append(
            "第\(turn)轮：线索“\(hits[hit].cue)”命中，但红线判别模型认为这句话不构成红线（把握 \(Self.percent(1 - probability))），未计为红线。")
          continue
        }
        let quote = analysis.text.clause(around: hits[hit].range)
        let basis = explanations.basis(hits[hit])
        if let position {
          hitsFound.append(RedLineHit(
            id: rubric.redLines[position].id, title: rubric.redLines[position].title, turn: turn, quote: quote,
            feedback: rubric.redLines[position].feedback, basis: basis))
        } else {
          hitsFound.append(RedLineHit(
            id: Self.piiLeakRedLine, title: "泄露个人信息", turn: turn, quote: quote,
            feedback: "不得向任何人透露客户或第三方的个人信息。", basis: basis))
        }
      }
      if found.isEmpty, let model = redLineModel, let probability, probability >= model.flagThreshold {
        let assessment = model.assess(analysis.text)
        guard let redLine = rubric.redLines.first(where: { $0.id == assessment.likeliest }) else { continue }
        let terms = assessment.terms.map { "“\($0)”" }.joined(separator: "、")
        hitsFound.append(RedLineHit(
          id: redLine.id, title: redLine.title, turn: turn,
          quote: assessment.strongest.map { analysis.text.clause(around: $0) } ?? analysis.text.original,
          feedback: redLine.feedback + "（红线判别模型判定，把握 \(Self.percent(probability))" + (terms.isEmpty ? "）" : "，依据用语：\(terms)）"),
          basis: "red-line model \(Self.percent(probability))" + (terms.isEmpty ? "" : ": \(assessment.terms.joined(separator: ", "))")))
      }
    }
    // Sorted in place: a sorted copy would retain every string of every hit.
    hitsFound.sort { ($0.turn, $0.id) < ($1.turn, $1.id) }
    return hitsFound
  }

  /// Confidential disclosures, as a set of cues.
  private static let disclosureCues = CueSet([CueHit.disclosureIndex])

  /// Hits that report facts in the text (a scenario's confidential fact, an ID or card number)
  /// rather than a way of speaking: the model has no say over them.
  private static func isFactual(_ hit: CueHit) -> Bool {
    switch hit.evidence {
    case .disclosure, .detector: true
    case .pattern, .example: false
    }
  }

  private static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

  /// Scores are reported to one decimal, rounded half away from zero.

  static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

/// The explanations of hits by lexicon patterns, and the red-line basis built on them, written
/// once per pattern: evidence and red lines quote one for every hit they show, and building
/// each string anew cost more than finding it (an allocation, and growing it as Chinese text
/// is appended). Other hits (recognisers, examples, disclosures) are explained as they come.
///
/// Found by the hit's ``CueHit/patternIndex``, the pattern's place in the lexicon: a look-up by
/// the pattern's text hashed and compared its bytes for every hit shown. The lexicon must be the
/// one the analyses were made with (as ``Scorer`` requires); a hit whose index names another
/// cue's pattern, or none, is explained anew, with the same words.
final class HitExplanations: Sendable {
  private let written: [Written]

  struct Written {
    let cue: Int32
    let explanation: String
    let basis: String
  }

  init(_ lexicon: CueLexicon) {
    var written: [Written] = []
    for (index, cue) in lexicon.cues.enumerated() {
      for pattern in cue.patterns {
        let hit = CueHit(cue: cue.id, cueIndex: Int32(index), range: 0..<0, evidence: .pattern(pattern.source))
        written.append(Written(cue: hit.cueIndex, explanation: hit.explanation, basis: Self.writeBasis(hit)))
      }
    }
    self.written = written
  }

  /// The hit's ``CueHit/explanation``.
  func explanation(_ hit: CueHit) -> String {
    find(hit).map { written[$0].explanation } ?? hit.explanation
  }

  /// Why a red line was found: the cue and its explanation.
  func basis(_ hit: CueHit) -> String {
    find(hit).map { written[$0].basis } ?? Self.writeBasis(hit)
  }

  /// The entry written for the hit's pattern, if it was made by one.
  private func find(_ hit: CueHit) -> Int? {
    guard case .pattern = hit.evidence, written.indices.contains(Int(hit.patternIndex)),
      written[Int(hit.patternIndex)].cue == hit.cueIndex
    else { return nil }
    return Int(hit.patternIndex)
  }

  private static func writeBasis(_ hit: CueHit) -> String { "cue \(hit.cue): \(hit.explanation)" }
}

/// A criterion prepared for scoring: its dimension and the lexicon indices of the cues its rule
/// reads (for ordering rules: first, then before).
private final class CompiledCriterion: Sendable {
  let criterion: Criterion
  /// Its place among the scorer's criteria.
  let position: Int
  /// The rule's kind and numbers, copied out of `criterion.rule`: switching over the rule itself
  /// would retain its lists, for every criterion of every scorecard.
  let check: Check
  let points: Double
  /// For outcome rules: the endings and mood bounds wanted.
  let endings: [String]
  let mood: [MoodBound]
  let dimension: Int
  let dimensionID: String
  let cues: [Int32]
  /// `cues` as a set, for the questions asked of every reply.
  let cueSet: CueSet
  let isTiming: Bool
  /// Switched off for this scenario (decided once, not by hashing the id per scorecard).
  let isDisabled: Bool
  /// What its results share, made once per feedback they can carry (a result holds one box,
  /// not a box and a feedback string): met, missed or partly met, and per reason for not
  /// grading it (by ``Scorer/NotApplicable`` raw value).
  let met: CriterionResult.Criterion
  let missed: CriterionResult.Criterion
  let notApplicable: [CriterionResult.Criterion]

  enum Check {
    case present(count: Int)
    case absent
    case ordering(onlyIfBefore: Bool)
    case penalty(each: Double, cap: Double)
    case outcome
    case timing(maxSeconds: Double)
  }

  init(criterion: Criterion, position: Int, dimension: Int, dimensionID: String, cues: [Int32], isDisabled: Bool) {
    self.criterion = criterion
    self.position = position
    points = criterion.points
    var endings: [String] = []
    var mood: [MoodBound] = []
    switch criterion.rule {
    case .present(_, let count): check = .present(count: count)
    case .absent: check = .absent
    case .ordering(_, _, let onlyIfBefore): check = .ordering(onlyIfBefore: onlyIfBefore)
    case .penalty(_, let each, let cap): check = .penalty(each: each, cap: cap)
    case .outcome(let wantedEndings, let bounds):
      check = .outcome
      endings = wantedEndings
      mood = bounds
    case .timing(let maxSeconds): check = .timing(maxSeconds: maxSeconds)
    }
    self.endings = endings
    self.mood = mood
    self.dimension = dimension
    self.dimensionID = dimensionID
    self.cues = cues
    cueSet = CueSet(cues)
    self.isDisabled = isDisabled
    if case .timing = criterion.rule { isTiming = true } else { isTiming = false }
    func box(_ feedback: String) -> CriterionResult.Criterion {
      CriterionResult.Criterion(
        id: criterion.id, title: criterion.title, dimension: dimensionID, max: criterion.points, model: criterion.model,
        feedback: feedback)
    }
    met = box("做到了：\(criterion.title)。")
    missed = box(criterion.feedback)
    notApplicable = Scorer.NotApplicable.allCases.map { box($0.feedback) }
  }

  /// A result, with one of the boxes above.
  func result(
    status: CriterionResult.Status, points: Double, evidence: [CriterionResult.Evidence], feedback: CriterionResult.Criterion
  ) -> CriterionResult {
    CriterionResult(criterion: feedback, status: status, points: points, evidence: evidence)
  }
}

/// The trainee's side of a transcript, with the questions criteria ask of it.
struct TraineeTurns {
  /// Trainee turn numbers (1-based) of the analysed trainee replies, parallel to `analyses`.
  /// Parallel arrays and index loops: this is read for every criterion of every scorecard, and
  /// a loop over tuples copies each element out (a retain and a release per reply per question).
  let numbers: [Int]
  let analyses: [ReplyAnalysis]
  private let turns: [AnalyzedTurn]
  private let explanations: HitExplanations

  init(_ turns: [AnalyzedTurn], explanations: HitExplanations) {
    self.turns = turns
    self.explanations = explanations
    var number = 0
    var numbers: [Int] = []
    var analyses: [ReplyAnalysis] = []
    numbers.reserveCapacity(turns.count)  // at most every turn: one allocation each, not a series
    analyses.reserveCapacity(turns.count)
    for turn in turns where turn.speaker == .trainee {
      number += 1
      if let analysis = turn.analysis {
        numbers.append(number)
        analyses.append(analysis)
      }
    }
    self.numbers = numbers
    self.analyses = analyses
  }

  /// Every hit of the cues, across all turns.
  func occurrences(of cues: CueSet) -> Int {
    var total = 0
    for index in analyses.indices where analyses[index].showsAny(cues) {
      for hit in analyses[index].hits where cues.contains(hit.cueIndex) { total += 1 }
    }
    return total
  }

  /// Where the first hit of the cues is among the hits of trainee reply `index`, if any.
  func firstHitIndex(of cues: CueSet, inReply index: Int) -> Int? {
    guard analyses[index].showsAny(cues) else { return nil }
    return analyses[index].hits.firstIndex { cues.contains($0.cueIndex) }
  }

  /// The first reply (of `analyses`) showing the cue, if any.
  func firstReply(showing cue: Int32) -> Int? {
    analyses.indices.first { analyses[$0].shows(index: cue) }
  }

  /// One quote for each reply showing any of the cues: the clause around its first hit of them.
  /// So there are as many quotes as replies showing the cues.
  func evidence(for cues: CueSet) -> [CriterionResult.Evidence] {
    var evidence: [CriterionResult.Evidence] = []
    for index in analyses.indices {
      guard let quote = self.evidence(for: cues, inReply: index) else { continue }
      // Room for a quote from every reply left, at the first: one allocation, not a series.
      if evidence.isEmpty { evidence.reserveCapacity(analyses.count - index) }
      evidence.append(quote)
    }
    return evidence
  }

  /// The quote for reply `index` (of `analyses`) if it shows any of the cues.
  func evidence(for cues: CueSet, inReply index: Int) -> CriterionResult.Evidence? {
    firstHitIndex(of: cues, inReply: index).map { quote(hit: $0, inReply: index) }
  }

  /// The quote for reply `index` if it shows the cue.
  func evidence(for cue: Int32, inReply index: Int) -> CriterionResult.Evidence? {
    analyses[index].hits.firstIndex { $0.cueIndex == cue }.map { quote(hit: $0, inReply: index) }
  }

  /// The quote of hit `hit` of reply `index`: by index, as the hit is read in place rather than
  /// copied (a copy retains its strings).
  private func quote(hit: Int, inReply index: Int) -> CriterionResult.Evidence {
    let analysis = analyses[index]
    return .init(
      turn: numbers[index], quote: analysis.text.clause(around: analysis.hits[hit].range), cue: analysis.hits[hit].cue,
      match: explanations.explanation(analysis.hits[hit]))
  }

  /// Seconds from each customer turn to the trainee reply after it; nil when times are missing.
  func replyDelays() -> [(turn: Int, seconds: Double)]? {
    var delays: [(Int, Double)] = []
    var lastCustomer: Date?
    var number = 0
    for turn in turns {
      switch turn.speaker {
      case .customer: lastCustomer = turn.at
      case .trainee:
        number += 1
        guard let sent = turn.at, let asked = lastCustomer else { return nil }
        delays.append((number, sent.timeIntervalSince(asked)))
      }
    }
    return delays.isEmpty ? nil : delays
  }
}

extension Double {
  /// "20" rather than "20.0" in notes.
  var compact: String { rounded() == self ? String(Int(self)) : String(self) }
}
