import TextAnalysis

/// How a reply moves the customer's mood: the persona's and scenario's reactions to cues, the
/// per-turn drift, then the personality's and the variants' modifiers (DOMAIN §1.2).
///
/// Modifiers read kinds of move (``CueTag``), never cue ids, so they hold for any lexicon.
struct MoodModel: Sendable {
  let index: ScenarioIndex
  var program: ScenarioProgram { index.program }

  /// The change per mood variable for one reply (variables the scenario lacks are ignored).
  func changes(for reply: ReplyFeatures) -> MoodChange {
    var delta = MoodChange(count: index.moodNames.count, known: index.knownMood)
    // By the cues shown (a handful) rather than by reaction (dozens): the sums are the same in
    // any order.
    let reactionsByCue = index.reactionsByCue
    reply.analysis.forEachShownCue { cue in
      let row = Int(cue) + ScenarioIndex.reactionCueOffset
      guard row < reactionsByCue.count else { return }
      for reaction in reactionsByCue[row] {
        for (variable, amount) in index.reactionChanges[reaction] { delta.amounts[variable] += amount }
      }
    }
    for (variable, amount) in index.perTurnChanges { delta.amounts[variable] += amount }
    personality(reply) { delta[$0] += $1 }
    variants(reply, &delta)
    return delta
  }

  /// 支配型 wants it short and a choice; 影响型 warmth; 稳健型 step-by-step reassurance;
  /// 分析型 figures and citations, and no vagueness.
  private func personality(_ reply: ReplyFeatures, _ add: (KnownMood, Int) -> Void) {
    switch program.personality {
    case .dominant:
      if reply.length > 120 { add(.patience, -8) }
      if reply.has(.options) { add(.trust, 5); add(.anger, -3) }
    case .influential:
      if reply.has(.warmth) { add(.anger, -4); add(.trust, 4) }
      if !reply.has(.warmth), reply.length < 20 { add(.trust, -3) }
    case .steady:
      if reply.has(.reassurance) { add(.anger, -3); add(.trust, 5) }
      if reply.length < 12 { add(.trust, -4) }
    case .analytical:
      if reply.has(.citation) || !reply.commitments.isEmpty { add(.trust, 6) }
      if reply.has(.vagueness) { add(.trust, -6) }
    }
  }

  /// Media attention makes every provocation worse; a VIP runs out of patience sooner; in a
  /// cross-department case being passed on hurts most; in a privacy case a disclosure is fatal.
  private func variants(_ reply: ReplyFeatures, _ delta: inout MoodChange) {
    for variant in program.variants {
      switch variant {
      case .media:
        if reply.hasAny(Self.provocations), delta[.anger] > 0 {
          delta[.anger] += delta[.anger] / 2
        }
      case .vip:
        delta[.patience] -= 3
      case .crossDepartment:
        if reply.has(.shirking) {
          delta[.anger] += 10
          delta[.patience] -= 10
        }
      case .privacy:
        if reply.disclosed {
          delta[.trust] -= 30
          delta[.anger] += 20
        }
      }
    }
  }

  /// What media attention makes worse (one list, not one per reply).
  static let provocations: [CueTag] = [.refusal, .blame, .calmingOrder, .shirking, .jargon]

  /// In a group, anger spreads: each speaker moves a fifth of the way towards the angriest.
  static let contagion = 0.2
}

/// How one reply moves each mood variable, indexed like the program's `mood` (no hashing per
/// turn). Rules about the well-known variables (anger, trust, patience) read and add through
/// ``KnownMood``; a variable the scenario does not declare reads 0 and ignores additions.
struct MoodChange {
  var amounts: [Int]
  let known: KnownMoodPositions

  init(count: Int, known: KnownMoodPositions) {
    amounts = [Int](filling: 0, count: count)
    self.known = known
  }

  subscript(variable: KnownMood) -> Int {
    get { known[variable].map { amounts[$0] } ?? 0 }
    set { if let position = known[variable] { amounts[position] = newValue } }
  }
}

/// The mood variables the built-in rules (personalities, variants, contradictions) speak of.
enum KnownMood: String {
  case anger, trust, patience
}

/// Where each ``KnownMood`` is in a scenario's mood variables (nil: not declared), found once
/// per scenario rather than by comparing names every turn.
struct KnownMoodPositions: Sendable {
  private let anger: Int?
  private let trust: Int?
  private let patience: Int?

  init(names: [String]) {
    anger = names.firstIndex(of: KnownMood.anger.rawValue)
    trust = names.firstIndex(of: KnownMood.trust.rawValue)
    patience = names.firstIndex(of: KnownMood.patience.rawValue)
  }

  subscript(variable: KnownMood) -> Int? {
    switch variable {
    case .anger: anger
    case .trust: trust
    case .patience: patience
    }
  }
}
