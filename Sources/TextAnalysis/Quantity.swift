/// Something with structure found in a reply: a time frame for the next step, an amount of
/// money, or a piece of personal data. Ranges are in folded scalars (see ``NormalizedText``).
public struct Quantity: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// "24小时内", "三个工作日内", "明天中午12点前", "本周五前", "15日内".
    case timeFrame = "time-frame"
    /// "3600元", "两千块", "5万元", "¥2,000".
    case amount
    /// A mainland resident ID number (18 characters, checksum valid).
    case idNumber = "id-number"
    /// A mainland mobile number (11 digits starting 1[3-9]).
    case mobileNumber = "mobile-number"
    /// A bank card number (16–19 digits, Luhn valid).
    case bankCard = "bank-card"

    /// Whether this kind is personal data (for the `personal-data` detector).
    public var isPersonalData: Bool {
      self == .idNumber || self == .mobileNumber || self == .bankCard
    }
  }

  public var kind: Kind
  /// Where it was found, in folded scalars.
  public var range: Range<Int>
  /// A normalised reading for explanations: "24 hours", "3 working days", "3600 yuan".
  public var value: String

  public init(kind: Kind, range: Range<Int>, value: String) {
    self.kind = kind
    self.range = range
    self.value = value
  }
}
