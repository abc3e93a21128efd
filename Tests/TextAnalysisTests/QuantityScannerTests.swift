import Testing

@testable import TextAnalysis

/// Scans `text` the way the matcher does: fold, then scan the folded scalars.
private func scan(_ text: String) -> (NormalizedText, [Quantity]) {
  let normalized = TextNormalizer.shared.normalize(text)
  return (normalized, QuantityScanner.scan(normalized.scalars))
}

/// What a test expects of one quantity: its kind, the original text it covers, and its reading.
private struct Expected: CustomStringConvertible, Equatable {
  var kind: Quantity.Kind
  var quote: String
  var value: String
  var description: String { "\(kind.rawValue) \(quote) → \(value)" }
}

private func found(_ text: String) -> [Expected] {
  let (normalized, quantities) = scan(text)
  return quantities.map { Expected(kind: $0.kind, quote: normalized.quote($0.range), value: $0.value) }
}

/// `digits` with a Luhn check digit appended.
private func withLuhnCheckDigit(_ digits: String) -> String {
  var sum = 0
  for (offset, character) in digits.reversed().enumerated() {
    var digit = character.wholeNumberValue!
    if offset % 2 == 0 {  // these are doubled once the check digit is appended
      digit *= 2
      if digit > 9 { digit -= 9 }
    }
    sum += digit
  }
  return digits + String((10 - sum % 10) % 10)
}

/// The same number with its last digit changed, so the Luhn check fails.
private func breakingLastDigit(_ number: String) -> String {
  let last = number.last!.wholeNumberValue!
  return String(number.dropLast()) + String((last + 1) % 10)
}

@Suite struct QuantityScannerTests {
  // MARK: Numbers

  @Test(arguments: [
    ("3万", 30_000.0), ("1.5万", 15_000), ("两千", 2000), ("三千五", 3500), ("十五", 15), ("二十四", 24),
    ("一百零五", 105), ("两万五", 25_000), ("一百五", 150), ("三千零五", 3005), ("一亿两千万", 120_000_000),
    ("二〇二四", 2024), ("2,000", 2000), ("1,234,567", 1_234_567), ("3.25", 3.25), ("5千", 5000),
    ("壹仟贰佰", 1200), ("零", 0),
  ])
  func chineseNumbersParse(_ text: String, _ value: Double) {
    #expect(ChineseNumber.parse(text) == value)
  }

  @Test(arguments: ["千万", "万一", "百分百", "", "一千零", "两三"])
  func wordsThatAreNotOneNumber(_ text: String) {
    #expect(ChineseNumber.parse(text) == nil)
  }

  // MARK: Time frames

  @Test(arguments: [
    ("请您明天中午12点前把材料发给我", "明天中午12点前", "tomorrow noon 12:00 before"),
    ("我今天下班前给您回电", "今天下班前", "today end of workday before"),
    ("本周五前给您结果", "本周五前", "this friday before"),
    ("下周三之前处理完毕", "下周三之前", "next wednesday before"),
    ("款项3月15日前到账", "3月15日前", "march 15 before"),
    ("今天下午三点前回复您", "今天下午三点前", "today afternoon 3:00 before"),
    ("明天上午10:00前联系您", "明天上午10:00前", "tomorrow morning 10:00 before"),
    ("我们会在48小时内回复", "48小时内", "48 hours within"),
    ("三个工作日内退款", "三个工作日内", "3 working days within"),
    ("5个工作日内到账", "5个工作日内", "5 working days within"),
    ("30日内处理完毕", "30日内", "30 days within"),
    ("1小时内回电", "1小时内", "1 hour within"),
    ("今天之内一定答复您", "今天之内", "today within"),
    ("24小时内给您答复", "24小时内", "24 hours within"),
    ("15日内给出结论", "15日内", "15 days within"),
    ("退款7个工作日到账", "7个工作日", "7 working days"),
    ("两小时后再联系您", "两小时后", "2 hours after"),
    ("2024年3月15日前", "2024年3月15日前", "march 15 2024 before"),
    ("预计3-5个工作日内", "3-5个工作日内", "3-5 working days within"),
    ("两三天内会有人联系您", "两三天内", "2-3 days within"),
    ("一个半小时内", "一个半小时内", "1.5 hours within"),
    ("半小时内回电", "半小时内", "0.5 hours within"),
    ("晚上8点前", "晚上8点前", "evening 8:00 before"),
    ("下班前给您消息", "下班前", "end of workday before"),
    ("3点半前", "3点半前", "3:30 before"),
    ("本月底前完成", "本月底前", "end of this month before"),
    ("这个星期内", "这个星期内", "this week within"),
    ("15号前给您答复", "15号前", "day 15 before"),
    ("明天上午给您回电", "明天上午", "tomorrow morning"),
    ("15:00前", "15:00前", "15:00 before"),
    ("两个月内", "两个月内", "2 months within"),
    ("10分钟内", "10分钟内", "10 minutes within"),
  ])
  func timeFrames(_ text: String, _ quote: String, _ value: String) {
    #expect(found(text) == [Expected(kind: .timeFrame, quote: quote, value: value)])
  }

  @Test(arguments: [
    "请等通知", "我们会尽快处理", "马上", "马上给您处理", "您已经逾期30天了", "3年前我就办过卡", "2023年的账单",
    "请拨打12378", "年化13%的利率", "您3天前来过电话", "我们一定会一起解决", "有两点请您注意", "十分抱歉",
    "千万不要着急", "早一点到", "7x24小时服务", "逾期30天以上", "明天再说", "下周", "一天到晚打电话",
    "三天两头打电话", "两小时后果自负", "30天内容", "三天前我打过电话", "2小时之前",
  ])
  func notTimeFrames(_ text: String) {
    #expect(found(text).filter { $0.kind == .timeFrame } == [])
  }

  // MARK: Amounts

  @Test(arguments: [
    ("退您3600元", "3600元", "3600 yuan"),
    ("补偿两千块", "两千块", "2000 yuan"),
    ("赔偿5万元", "5万元", "50000 yuan"),
    ("大约1.5万", "1.5万", "15000 yuan"),
    ("¥2,000", "¥2,000", "2000 yuan"),
    ("￥2,000", "￥2,000", "2000 yuan"),
    ("住院花了八万", "八万", "80000 yuan"),
    ("三千五百元", "三千五百元", "3500 yuan"),
    ("3000多元", "3000多元", "3000+ yuan"),
    ("两块钱", "两块钱", "2 yuan"),
    ("5千元", "5千元", "5000 yuan"),
    ("3000-5000元", "3000-5000元", "3000-5000 yuan"),
    ("12.5元", "12.5元", "12.5 yuan"),
  ])
  func amounts(_ text: String, _ quote: String, _ value: String) {
    #expect(found(text) == [Expected(kind: .amount, quote: quote, value: value)])
  }

  @Test(arguments: ["两块蛋糕", "三万人来过", "十万火急", "3000多", "千万别急"])
  func notAmounts(_ text: String) {
    #expect(found(text).filter { $0.kind == .amount } == [])
  }

  // MARK: Personal data

  @Test(arguments: [
    ("我的电话13812345678", "13812345678", Quantity.Kind.mobileNumber, "138****5678"),
    ("电话138-1234-5678", "138-1234-5678", .mobileNumber, "138****5678"),
    ("电话 +86 138 1234 5678", "+86 138 1234 5678", .mobileNumber, "138****5678"),
    ("身份证号11010519491231002X", "11010519491231002X", .idNumber, "110105********002x"),
  ])
  func personalData(_ text: String, _ quote: String, _ kind: Quantity.Kind, _ value: String) {
    #expect(found(text) == [Expected(kind: kind, quote: quote, value: value)])
  }

  @Test func idChecksumIsVerified() {
    #expect(found("11010519491231002X").map(\.kind) == [.idNumber])
    #expect(found("11010519491231002x").map(\.kind) == [.idNumber])
    // Same number, wrong check character.
    #expect(!found("110105194912310021").map(\.kind).contains(.idNumber))
    #expect(found("110105194912310029").map(\.kind).contains(.idNumber) == false)
  }

  @Test func bankCardsNeedTheLuhnCheck() {
    let card = withLuhnCheckDigit("622202123456789012")  // 19 digits
    let masked = "6222***********" + card.suffix(4)
    #expect(found("卡号\(card)") == [Expected(kind: .bankCard, quote: card, value: masked)])
    #expect(found("卡号\(breakingLastDigit(card))") == [])

    let sixteen = withLuhnCheckDigit("622848001234567")
    #expect(found(sixteen).map(\.kind) == [.bankCard])
    let grouped = stride(from: 0, to: 16, by: 4).map { offset in
      String(sixteen.dropFirst(offset).prefix(4))
    }.joined(separator: "-")
    let maskedSixteen = "6228********" + sixteen.suffix(4)
    #expect(found("卡号\(grouped)") == [Expected(kind: .bankCard, quote: grouped, value: maskedSixteen)])
    // Spaces are folded away, so "6228 4800 …" is one run of digits.
    let spaced = String(grouped.map { $0 == "-" ? " " : $0 })
    #expect(found("卡号\(spaced)") == [Expected(kind: .bankCard, quote: spaced, value: maskedSixteen)])
  }

  @Test(arguments: [
    "138****5678", "尾号8237", "您尾号8237的卡", "110105********002X", "6222 **** **** 0123", "138123456789",
    "12812345678", "1381234567",
  ])
  func maskedAndMalformedNumbersAreNotPersonalData(_ text: String) {
    #expect(found(text).filter { $0.kind.isPersonalData } == [])
  }

  // MARK: Folding

  @Test(arguments: [
    ("三個工作日內", Quantity.Kind.timeFrame, "3 working days within"),
    ("明天中午12點前", .timeFrame, "tomorrow noon 12:00 before"),
    ("下週三之前", .timeFrame, "next wednesday before"),
    ("兩小時後", .timeFrame, "2 hours after"),
    ("兩千塊", .amount, "2000 yuan"),
    ("１２３元", .amount, "123 yuan"),
    ("４８小時內", .timeFrame, "48 hours within"),
    ("￥２，０００", .amount, "2000 yuan"),
    ("１３８１２３４５６７８", .mobileNumber, "138****5678"),
  ])
  func traditionalAndFullWidthInput(_ text: String, _ kind: Quantity.Kind, _ value: String) {
    #expect(found(text) == [Expected(kind: kind, quote: text, value: value)])
  }

  // MARK: Several at once

  @Test func aMixedReplyFindsEachQuantityWithItsRange() {
    let reply = "您好，我們會在 3 個工作日內退還3600元到您尾號8237的卡，明天中午12點前給您回電（138-1234-5678），請勿透露身份證號。"
    #expect(
      found(reply) == [
        Expected(kind: .timeFrame, quote: "3 個工作日內", value: "3 working days within"),
        Expected(kind: .amount, quote: "3600元", value: "3600 yuan"),
        Expected(kind: .timeFrame, quote: "明天中午12點前", value: "tomorrow noon 12:00 before"),
        Expected(kind: .mobileNumber, quote: "138-1234-5678", value: "138****5678"),
      ])
  }

  @Test(arguments: [
    "本周五前退还¥1,500，下周三之前再补两千块，3月15日前全部到账",
    "2024年3月15日前3-5个工作日内13812345678两三天内八万",
    "今天下午三点前、明天上午10:00前、48小时内、十五天后",
  ])
  func resultsAreSortedAndDoNotOverlap(_ text: String) {
    let (_, quantities) = scan(text)
    #expect(quantities.count >= 3)
    for (first, second) in zip(quantities, quantities.dropFirst()) {
      #expect(first.range.upperBound <= second.range.lowerBound)
    }
  }

  @Test func overlappingReadingsKeepTheLongest() {
    // "周五前" and "5" inside "本周五前"; "12点前" inside "明天中午12点前".
    #expect(found("本周五前").map(\.quote) == ["本周五前"])
    #expect(found("明天中午12点前").map(\.quote) == ["明天中午12点前"])
    #expect(found("¥5万").map(\.quote) == ["¥5万"])
  }

  @Test func emptyAndPlainTextFindNothing() {
    #expect(QuantityScanner.scan([]) == [])
    #expect(found("非常理解您的心情，我们一定会认真处理。") == [])
  }
}
