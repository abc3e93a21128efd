/// The five customer types of the course; each has its own success criteria.
public enum Archetype: String, Codable, Sendable, CaseIterable {
  case angry, rational, disappointed, malicious, group

  /// The personality a scenario gets when it does not name one.
  public var defaultPersonality: Personality {
    switch self {
    case .angry, .malicious: .dominant
    case .rational: .analytical
    case .disappointed: .steady
    case .group: .influential
    }
  }
}

/// Circumstances that change the rules of a scenario (DOMAIN §1.2).
public enum Variant: String, Codable, Sendable, CaseIterable {
  case media, vip
  case crossDepartment = "cross-department"
  case privacy
}

/// The four personality types (支配/影响/稳健/分析) that change how a customer reacts.
public enum Personality: String, Codable, Sendable, CaseIterable {
  case dominant, influential, steady, analytical

  public var chineseName: String {
    switch self {
    case .dominant: "支配型"
    case .influential: "影响型"
    case .steady: "稳健型"
    case .analytical: "分析型"
    }
  }
}

/// Why the customer complains: what would satisfy them.
public enum Motive: String, Codable, Sendable, CaseIterable {
  case compensation, apology, improvement
}

/// The financial sector a scenario is set in.
public enum Industry: String, Codable, Sendable, CaseIterable {
  case bank, insurance, securities
  case consumerFinance = "consumer-finance"
  case payment
}

/// How hard a scenario or question is.
public enum Difficulty: String, Codable, Sendable, CaseIterable {
  case easy, medium, hard
}

/// How a conversation ended, as the rubric and reports see it.
public enum Outcome: String, Codable, Sendable, CaseIterable {
  case resolved
  case partlyResolved = "partly-resolved"
  case escalatedRegulator = "escalated-regulator"
  case mediaExposure = "media-exposure"
  case hungUp = "hung-up"
  case exploited
  case turnLimit = "turn-limit"
}
