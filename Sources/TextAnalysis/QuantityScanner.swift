/// Finds the quantities a rubric cares about in a folded reply: time frames for the next step
/// ("三个工作日内", "明天中午12点前"), amounts of money ("3600元", "¥2,000") and personal data
/// (mobile, ID and bank-card numbers).
///
/// Hand-written rather than built from regular expressions because it runs on every reply that
/// meets a `detect:` cue and must cost a few microseconds, and because every rule below is a
/// judgement about Chinese usage that should be readable, and testable, one at a time.
///
/// The input is folded text (see ``TextNormalizer``): Simplified script, ASCII digits and
/// punctuation, lower case, no spaces. One left-to-right pass tries a match only where a
/// quantity can start (a digit, a numeral, `¥`, `+`, or a word such as 今/明/本/下/周); a
/// candidate that overlaps the one before it replaces it only if it is longer.
///
/// Decisions on ambiguous text:
/// - A duration is a commitment only with 内/之内/以内 ("48小时内") or 后/之后/以后 ("两小时后"),
///   or when its unit is 工作日/自然日, which are only ever used for deadlines ("7个工作日").
///   A bare "30天" is how long something lasted ("逾期30天"), and a duration followed by 前 is
///   in the past ("3天前" = three days ago), so neither counts. A preceding 在/于 is *not* enough:
///   "在30天里" describes the past, and "在2小时给您回电" without 内 is rare.
/// - "N日内" is N days; "N日前"/"N号前" is "before the Nth" (a date), not "N days ago".
/// - A day (今天, 本周五, 3月15日, 月底…) needs 前/之前/以前/内/之内, an explicit clock time, or a
///   part of the day (明天上午): a bare "明天" is too vague ("明天再说"). A week or month (本周,
///   下个月) needs 内 or 前. A part of the day alone needs a clock or 前 ("下班前", "下午3点").
///   A clock time alone needs 前/内/以后 ("12点前"), and "一点" alone is never a time ("早一点").
/// - 前往/前来/提前-style words, 内容/内部, 后果/后悔… are words of their own, so 前/内/后 followed
///   by them is not a time relation.
/// - Money: a number followed by 元/圆/块钱, by 块 when the number is written in digits or is at
///   least 10 ("两块蛋糕" is two pieces), or any number written with 万/亿 ("住院花了八万"),
///   unless a measure word follows ("三万人", "十万火急"). `¥`/`￥` before a number is always money.
/// - Personal data is a maximal digit run (11 digits starting 1[3-9]; 18 characters with a valid
///   GB 11643 check; 16–19 Luhn-valid digits that are not an ID), or the dashed forms 3-4-4 and
///   4-4-4-4[-n], or +86 and a mobile. Masked forms ("138****5678", "尾号8237") never match,
///   because the digit runs are too short. Its `value` is masked too, so explanations never
///   repeat the data.
public enum QuantityScanner {
  /// Every quantity in folded text, sorted by range start; overlapping finds resolved (longest wins).
  public static func scan(_ scalars: [UInt32]) -> [Quantity] {
    scalars.withUnsafeBufferPointer { buffer in
      let text = FoldedScalars(buffer)
      var kept: [Candidate] = []
      for start in 0..<buffer.count where startScalars.contains(buffer[start]) {
        guard let candidate = longestMatch(in: text, at: start) else { continue }
        if let last = kept.last, candidate.range.lowerBound < last.range.upperBound {
          // Overlap: the longer reading explains more of the text ("本周五前" over "周五前").
          if candidate.range.count > last.range.count { kept[kept.count - 1] = candidate }
        } else {
          kept.append(candidate)
        }
      }
      return kept.map { $0.quantity(in: text) }
    }
  }

  /// Every scalar `longestMatch` can start a quantity at, as a bitmap: most characters of a reply
  /// start nothing, and one bit test is cheaper than the chain of checks below.
  private static let startScalars: BMPBitmap = {
    var bitmap = BMPBitmap()
    for value in UInt32(0)..<0x10000 {
      let canStart =
        isASCIIDigit(value) || value == ch("+") || value == 0xA5 || value == 0xFFE5
        || ChineseNumber.canStart(value) || value == ch("半") || isMomentStart(value)
      if canStart { bitmap.insert(value) }
    }
    return bitmap
  }()

  /// The longest quantity starting at `start`, if any; cheap for scalars that start nothing.
  private static func longestMatch(in text: FoldedScalars, at start: Int) -> Candidate? {
    let scalar = text[start]
    if isASCIIDigit(scalar) {
      return continuesArabicNumber(text, at: start) ? nil : matchFromNumber(in: text, at: start)
    }
    if scalar < 0x80 {
      return scalar == ch("+") ? internationalMobile(in: text, at: start) : nil
    }
    if scalar == 0xA5 || scalar == 0xFFE5 {  // ¥ ￥
      return amountAfterCurrencySign(in: text, at: start)
    }
    if ChineseNumber.canStart(scalar) {
      let previous = text[start - 1]
      let inside = ChineseNumber.isNumeral(previous) || isASCIIDigit(previous)
      return inside ? nil : matchFromNumber(in: text, at: start)
    }
    if scalar == ch("半") {  // 半小时内, 半个月内
      return duration(in: text, start: start, span: Span(lower: 0.5), at: start + 1)
    }
    if isMomentStart(scalar) {
      return momentFromWords(in: text, at: start)
    }
    return nil
  }

  /// Whether a digit at `start` is the inside of a number that starts earlier: after a digit, a
  /// decimal point, or a thousands comma ("2,000" but not the second number in "5,13812345678").
  private static func continuesArabicNumber(_ text: FoldedScalars, at start: Int) -> Bool {
    let previous = text[start - 1]
    if isASCIIDigit(previous) { return true }
    guard isASCIIDigit(text[start - 2]) else { return false }
    if previous == ch(".") { return true }
    guard previous == ch(",") else { return false }
    return digitRunLength(text, from: start) == 3 && digitRunLengthBackward(text, endingAt: start - 2) <= 3
  }

  // MARK: Numbers and what follows them

  /// Everything a number can begin: personal data, a duration, an amount, a date or a clock time.
  private static func matchFromNumber(in text: FoldedScalars, at start: Int) -> Candidate? {
    var best = isASCIIDigit(text[start]) ? personalData(in: text, at: start) : nil
    guard let number = ChineseNumber.parse(text, at: start) else { return best }
    let (span, afterSpan) = readSpan(text, after: number)
    best = longer(best, duration(in: text, start: start, span: span, at: afterSpan))
    best = longer(best, amount(in: text, start: start, span: span, at: afterSpan))
    if number.upper == nil {
      best = longer(best, momentFromNumber(in: text, at: start, number: number))
    }
    return best
  }

  /// The number, or a range "3-5", "3~5", "三到五", "两至三" (the upper bound must be larger).
  private static func readSpan(_ text: FoldedScalars, after number: ChineseNumber.Parsed) -> (Span, Int) {
    var span = Span(number)
    let separator = text[number.end]
    let isSeparator =
      separator == ch("-") || separator == ch("~") || separator == ch("到") || separator == ch("至")
    if span.upper == nil, isSeparator, let second = ChineseNumber.parse(text, at: number.end + 1),
      second.upper == nil, second.value > number.value
    {
      span.upper = second.value
      span.usesTenThousand = span.usesTenThousand || second.usesTenThousand
      span.hasArabicDigits = span.hasArabicDigits || second.hasArabicDigits
      return (span, second.end)
    }
    return (span, number.end)
  }

  private static func longer(_ a: Candidate?, _ b: Candidate?) -> Candidate? {
    guard let a else { return b }
    guard let b else { return a }
    return b.range.count > a.range.count ? b : a
  }

  // MARK: Durations ("48小时内", "三个工作日内", "两小时后")

  /// A number of units, committed to with 内/后 or a deadline unit (see the type's notes).
  private static func duration(in text: FoldedScalars, start: Int, span: Span, at position: Int) -> Candidate? {
    var span = span
    var index = position
    var counted = false
    if text.has("个", at: index) {
      counted = true
      index += 1
      if text.has("半", at: index), span.upper == nil {  // 一个半小时 = 1.5 hours
        span.lower += 0.5
        index += 1
      }
    }
    guard case let (unit, afterUnit, needsWithin)? = durationUnit(in: text, at: index, counted: counted) else {
      return nil
    }
    var end = afterUnit
    var relation: Relation?
    if let found = self.relation(in: text, at: afterUnit) {
      guard found.relation != .before else { return nil }  // "30天前" is thirty days ago
      relation = found.relation
      end = found.end
    }
    if needsWithin, relation != .within { return nil }
    guard relation != nil || unit.isDeadlineUnit else { return nil }
    return Candidate(kind: .timeFrame, range: start..<end, reading: .duration(span, unit, relation))
  }

  /// A duration unit, optionally after 个. Returns whether it is the bare "N月", which reads
  /// as a date ("3月") unless 内 follows.
  private static func durationUnit(
    in text: FoldedScalars, at index: Int, counted: Bool
  ) -> (DurationUnit, Int, needsWithin: Bool)? {
    switch text[index] {
    case ch("分"): return !counted && text.has("钟", at: index + 1) ? (.minute, index + 2, false) : nil
    case ch("小"): return text.has("时", at: index + 1) ? (.hour, index + 2, false) : nil
    case ch("钟"): return text.has("头", at: index + 1) ? (.hour, index + 2, false) : nil
    case ch("工"): return text.has("作", "日", at: index + 1) ? (.workingDay, index + 3, false) : nil
    case ch("自"): return text.has("然", "日", at: index + 1) ? (.calendarDay, index + 3, false) : nil
    case ch("天"), ch("日"): return counted ? nil : (.day, index + 1, false)
    case ch("周"): return counted ? nil : (.week, index + 1, false)
    case ch("星"): return text.has("期", at: index + 1) ? (.week, index + 2, false) : nil
    case ch("礼"): return text.has("拜", at: index + 1) ? (.week, index + 2, false) : nil
    case ch("月"): return (.month, index + 1, !counted)
    default: return nil
    }
  }

  // MARK: Amounts ("3600元", "两千块", "1.5万", "¥2,000")

  private static func amount(in text: FoldedScalars, start: Int, span: Span, at position: Int) -> Candidate? {
    var index = position
    var orMore = false
    if text.has("多", at: index) || text.has("余", at: index) {  // 3000多元, 3万多
      orMore = true
      index += 1
    }
    let end: Int
    switch text[index] {
    case ch("元"), ch("圆"):
      end = index + 1
    case ch("块"):
      if text.has("钱", at: index + 1) {
        end = index + 2
      } else if span.hasArabicDigits || span.lower >= 10 {
        end = index + 1
      } else {
        return nil  // "两块蛋糕": a measure word
      }
    default:
      guard span.usesTenThousand, !isMeasureWord(text[index]) else { return nil }
      end = index
    }
    return Candidate(kind: .amount, range: start..<end, reading: .amount(span, orMore: orMore))
  }

  /// `¥` or `￥` and a number (and an optional 元): always money.
  private static func amountAfterCurrencySign(in text: FoldedScalars, at start: Int) -> Candidate? {
    guard let number = ChineseNumber.parse(text, at: start + 1) else { return nil }
    let (span, afterSpan) = readSpan(text, after: number)
    let end = text.has("元", at: afterSpan) ? afterSpan + 1 : afterSpan
    return Candidate(kind: .amount, range: start..<end, reading: .amount(span, orMore: false))
  }

  /// Words after "N万" that make it a count of things rather than money ("三万人", "十万火急").
  private static func isMeasureWord(_ scalar: UInt32) -> Bool {
    if scalar < 0x80 { return scalar >= ch("a") && scalar <= ch("z") }
    switch scalar {
    case ch("人"), ch("字"), ch("次"), ch("个"), ch("件"), ch("名"), ch("户"), ch("份"), ch("条"),
      ch("台"), ch("辆"), ch("公"), ch("米"), ch("步"), ch("张"), ch("位"), ch("家"), ch("单"),
      ch("号"), ch("分"), ch("年"), ch("月"), ch("天"), ch("日"), ch("周"), ch("小"), ch("斤"),
      ch("吨"), ch("平"), ch("里"), ch("股"), ch("火"), ch("本"), ch("套"), ch("部"), ch("只"),
      ch("头"), ch("秒"), ch("篇"), ch("亩"), ch("倍"), ch("钟"), ch("星"), ch("礼"), ch("工"):
      return true
    default:
      return false
    }
  }

  // MARK: Moments ("明天中午12点前", "本周五前", "3月15日前", "下班前")

  /// Scalars that can start a day or a part of the day.
  private static func isMomentStart(_ scalar: UInt32) -> Bool {
    switch scalar {
    case ch("今"), ch("明"), ch("后"), ch("当"), ch("本"), ch("这"), ch("下"), ch("周"), ch("星"),
      ch("礼"), ch("月"), ch("年"), ch("上"), ch("早"), ch("中"), ch("傍"), ch("晚"), ch("凌"):
      return true
    default:
      return false
    }
  }

  private static func momentFromWords(in text: FoldedScalars, at start: Int) -> Candidate? {
    if case let (day, part, end)? = parseDay(in: text, at: start) {
      return moment(in: text, start: start, day: day, part: part, clock: nil, at: end)
    }
    if case let (part, end)? = parsePart(in: text, at: start) {
      return moment(in: text, start: start, day: nil, part: part, clock: nil, at: end)
    }
    return nil
  }

  /// A date ("3月15日", "2024年3月底", "15号") or a clock time ("12点", "15:00") written with a number.
  private static func momentFromNumber(
    in text: FoldedScalars, at start: Int, number: ChineseNumber.Parsed
  ) -> Candidate? {
    if case let (day, end)? = parseDate(in: text, number: number) {
      return moment(in: text, start: start, day: day, part: nil, clock: nil, at: end)
    }
    if case let (clock, end)? = clockAfter(in: text, number: number) {
      return moment(in: text, start: start, day: nil, part: nil, clock: clock, at: end)
    }
    return nil
  }

  /// Completes a moment with an optional part of the day, clock time and relation, and keeps it
  /// only if it is specific enough to be a commitment (see ``Moment/isCommitment``).
  private static func moment(
    in text: FoldedScalars, start: Int, day: Day?, part: PartOfDay?, clock: Clock?, at position: Int
  ) -> Candidate? {
    var moment = Moment(day: day, part: part, clock: clock)
    var end = position
    let isPeriod = day?.isPeriod ?? false
    if !isPeriod, part == nil, clock == nil, case let (found, after)? = parsePart(in: text, at: end) {
      moment.part = found
      end = after
    }
    if !isPeriod, moment.clock == nil, let number = ChineseNumber.parse(text, at: end),
      case let (found, after)? = clockAfter(in: text, number: number)
    {
      moment.clock = found
      end = after
    }
    if let found = relation(in: text, at: end), !found.isBareAfter || moment.clock != nil {
      moment.relation = found.relation
      end = found.end
    }
    guard moment.isCommitment else { return nil }
    return Candidate(kind: .timeFrame, range: start..<end, reading: .moment(moment))
  }

  /// 今天, 明早, 后天, 当天, 本周五, 下个月底, 周末, 星期天, 月底, 今年底… with any part of the day
  /// the word implies (今晚 = today, evening).
  private static func parseDay(in text: FoldedScalars, at index: Int) -> (Day, PartOfDay?, Int)? {
    let next = text[index + 1]
    switch text[index] {
    case ch("今"):
      if next == ch("天") || next == ch("日") { return (.today, nil, index + 2) }
      if next == ch("晚") { return (.today, .evening, index + 2) }
      if next == ch("年") {  // 今年底, 今年年底
        let after = text.has("年", at: index + 2) ? index + 3 : index + 2
        return text.has("底", at: after) || text.has("末", at: after) ? (.yearEnd(year: nil), nil, after + 1) : nil
      }
      return nil
    case ch("明"):
      if next == ch("天") || next == ch("日") { return (.tomorrow, nil, index + 2) }
      if next == ch("早") { return (.tomorrow, .morning, index + 2) }
      if next == ch("晚") { return (.tomorrow, .evening, index + 2) }
      return nil
    case ch("后"):
      return next == ch("天") ? (.dayAfterTomorrow, nil, index + 2) : nil
    case ch("当"):
      return next == ch("天") || next == ch("日") ? (.sameDay, nil, index + 2) : nil
    case ch("本"), ch("这"), ch("下"):
      let period: Period = text[index] == ch("下") ? .next : .this
      let after = next == ch("个") && text[index] != ch("本") ? index + 2 : index + 1
      return weekOrMonth(in: text, at: after, period: period)
    case ch("周"), ch("星"), ch("礼"):
      return weekOrMonth(in: text, at: index, period: .unspecified)
    case ch("月"):
      return next == ch("底") || next == ch("末") ? (.monthEnd(.unspecified), nil, index + 2) : nil
    case ch("年"):
      return next == ch("底") || next == ch("末") ? (.yearEnd(year: nil), nil, index + 2) : nil
    default:
      return nil
    }
  }

  /// After 本/这/下 (or nothing): 周五, 星期天, 周末, 周, 月底, 月.
  private static func weekOrMonth(in text: FoldedScalars, at index: Int, period: Period) -> (Day, PartOfDay?, Int)? {
    let afterWord: Int
    if text.has("周", at: index) {
      afterWord = index + 1
      if text.has("末", at: afterWord) { return (.weekend(period), nil, afterWord + 1) }
    } else if text.has("星", "期", at: index) || text.has("礼", "拜", at: index) {
      afterWord = index + 2
    } else if text.has("月", at: index) {
      if text.has("底", at: index + 1) || text.has("末", at: index + 1) { return (.monthEnd(period), nil, index + 2) }
      return period == .unspecified ? nil : (.month(period), nil, index + 1)
    } else {
      return nil
    }
    if let weekday = weekdayNumber(in: text, at: afterWord) { return (.weekday(period, weekday), nil, afterWord + 1) }
    return period == .unspecified ? nil : (.week(period), nil, afterWord)
  }

  /// 一…六, 日/天 or 1–7 after 周/星期/礼拜; Monday is 1.
  private static func weekdayNumber(in text: FoldedScalars, at index: Int) -> Int? {
    let scalar = text[index]
    if scalar >= ch("1"), scalar <= ch("7") { return isASCIIDigit(text[index + 1]) ? nil : Int(scalar - ch("0")) }
    if scalar == ch("日") || scalar == ch("天") { return 7 }
    guard scalar != ch("两"), let digit = ChineseNumber.digit(scalar), (1...6).contains(digit) else { return nil }
    return digit
  }

  /// 上午, 早上, 中午, 下午, 傍晚, 晚上, 凌晨, 下班.
  private static func parsePart(in text: FoldedScalars, at index: Int) -> (PartOfDay, Int)? {
    let next = text[index + 1]
    let part: PartOfDay? =
      switch text[index] {
      case ch("上"): next == ch("午") ? .morning : nil
      case ch("早"): next == ch("上") || next == ch("晨") ? .morning : nil
      case ch("中"): next == ch("午") ? .noon : nil
      case ch("下"): next == ch("午") ? .afternoon : (next == ch("班") ? .endOfWork : nil)
      case ch("傍"): next == ch("晚") ? .evening : nil
      case ch("晚"): next == ch("上") ? .evening : nil
      case ch("凌"): next == ch("晨") ? .earlyMorning : nil
      default: nil
      }
    return part.map { ($0, index + 2) }
  }

  /// [year 年] month 月 day 日/号, month 月底, year 年底, or a day of the month alone (15号).
  private static func parseDate(in text: FoldedScalars, number: ChineseNumber.Parsed) -> (Day, Int)? {
    guard let first = number.wholeValue else { return nil }
    var index = number.end
    var year: Int?
    var month = first
    if text.has("年", at: index) {
      guard (1900...2100).contains(first) else { return nil }  // "3年前" is a duration, not a year
      year = first
      index += 1
      if text.has("底", at: index) || text.has("末", at: index) { return (.yearEnd(year: first), index + 1) }
      guard let monthNumber = ChineseNumber.parse(text, at: index), let value = monthNumber.wholeValue,
        text.has("月", at: monthNumber.end)
      else { return nil }
      month = value
      index = monthNumber.end
    }
    if text.has("月", at: index) {
      guard (1...12).contains(month) else { return nil }
      index += 1
      if text.has("底", at: index) || text.has("末", at: index) {
        return (.endOfMonth(month: month, year: year), index + 1)
      }
      guard let dayNumber = ChineseNumber.parse(text, at: index), let day = dayNumber.wholeValue,
        (1...31).contains(day), text.has("日", at: dayNumber.end) || text.has("号", at: dayNumber.end)
      else { return nil }
      return (.date(year: year, month: month, day: day), dayNumber.end + 1)
    }
    guard (1...31).contains(first), text.has("日", at: index) || text.has("号", at: index) else { return nil }
    return (.date(year: nil, month: nil, day: first), index + 1)
  }

  /// "15:00", "12点", "3点半", "三点一刻", "15点30分", "12时".
  private static func clockAfter(in text: FoldedScalars, number: ChineseNumber.Parsed) -> (Clock, Int)? {
    guard let hour = number.wholeValue, hour <= 24, !number.usesTenThousand else { return nil }
    var index = number.end
    if number.isPlainArabic, text.has(":", at: index) {
      guard let minute = twoDigits(in: text, at: index + 1), minute < 60 else { return nil }
      return (Clock(hour: hour, minute: minute), index + 3)
    }
    guard text.has("点", at: index) || text.has("时", at: index) else { return nil }
    index += 1
    if text.has("钟", at: index) { index += 1 }
    if text.has("半", at: index) { return (Clock(hour: hour, minute: 30), index + 1) }
    if text.has("一", "刻", at: index) { return (Clock(hour: hour, minute: 15), index + 2) }
    if text.has("三", "刻", at: index) { return (Clock(hour: hour, minute: 45), index + 2) }
    if let minutes = ChineseNumber.parse(text, at: index), let minute = minutes.wholeValue, minute < 60 {
      if text.has("分", at: minutes.end), !text.has("钟", at: minutes.end + 1) {
        return (Clock(hour: hour, minute: minute), minutes.end + 1)
      }
      let twoDigitMinutes = minutes.isPlainArabic && minutes.end - index == 2
      let tensInWords = !minutes.hasArabicDigits && minute >= 10  // 三点十五
      if twoDigitMinutes || tensInWords { return (Clock(hour: hour, minute: minute), minutes.end) }
    }
    return (Clock(hour: hour, minute: 0, isAmbiguous: number.isLoneYi), index)
  }

  private static func twoDigits(in text: FoldedScalars, at index: Int) -> Int? {
    let tens = text[index]
    let ones = text[index + 1]
    guard isASCIIDigit(tens), isASCIIDigit(ones), !isASCIIDigit(text[index + 2]) else { return nil }
    return Int(tens - ch("0")) * 10 + Int(ones - ch("0"))
  }

  // MARK: Relations (前, 内, 后)

  /// 前/之前/以前, 内/之内/以内, 后/之后/以后 at `index`, unless the character is the start of
  /// another word (前往, 内容, 后果…). `isBareAfter` marks a lone 后, which after a day is part of
  /// a word more often than a relation ("明天后天").
  private static func relation(
    in text: FoldedScalars, at index: Int
  ) -> (relation: Relation, end: Int, isBareAfter: Bool)? {
    var at = index
    let joined = text.has("之", at: at) || text.has("以", at: at)
    if joined { at += 1 }
    let follower = text[at + 1]
    switch text[at] {
    case ch("前"): return startsWordAfterBefore(follower) ? nil : (.before, at + 1, false)
    case ch("内"): return startsWordAfterWithin(follower) ? nil : (.within, at + 1, false)
    case ch("后"): return startsWordAfterAfter(follower) ? nil : (.after, at + 1, !joined)
    default: return nil
    }
  }

  /// 前往, 前来, 前去, 前提, 前面, 前途, 前景, 前台.
  private static func startsWordAfterBefore(_ scalar: UInt32) -> Bool {
    switch scalar {
    case ch("往"), ch("来"), ch("去"), ch("提"), ch("面"), ch("途"), ch("景"), ch("台"): true
    default: false
    }
  }

  /// 内容, 内部, 内地, 内科, 内心, 内涵, 内存.
  private static func startsWordAfterWithin(_ scalar: UInt32) -> Bool {
    switch scalar {
    case ch("容"), ch("部"), ch("地"), ch("科"), ch("心"), ch("涵"), ch("存"): true
    default: false
    }
  }

  /// 后果, 后悔, 后者, 后台, 后遗, 后来, 后面, 后勤.
  private static func startsWordAfterAfter(_ scalar: UInt32) -> Bool {
    switch scalar {
    case ch("果"), ch("悔"), ch("者"), ch("台"), ch("遗"), ch("来"), ch("面"), ch("勤"): true
    default: false
    }
  }

  // MARK: Personal data

  /// A mobile, ID or bank-card number starting at the digit `start` (see the type's notes).
  private static func personalData(in text: FoldedScalars, at start: Int) -> Candidate? {
    let length = digitRunLength(text, from: start)
    let end = start + length
    func found(_ kind: Quantity.Kind, _ end: Int) -> Candidate {
      Candidate(kind: kind, range: start..<end, reading: .personalData)
    }
    if length == 17, text.has("x", at: end), isValidIDNumber(text, from: start) { return found(.idNumber, end + 1) }
    if length == 18, isValidIDNumber(text, from: start) { return found(.idNumber, end) }
    if length == 11, isMobilePrefix(text, at: start) { return found(.mobileNumber, end) }
    if (16...19).contains(length), passesLuhn(text, start..<end) { return found(.bankCard, end) }
    if text.has("-", at: end) { return dashedNumber(in: text, at: start) }
    return nil
  }

  /// 138-1234-5678, or a card number in groups of four (6222-0212-3456-7890[-123]).
  private static func dashedNumber(in text: FoldedScalars, at start: Int) -> Candidate? {
    if digitRunLength(text, from: start) == 3, text.has("-", at: start + 3),
      digitRunLength(text, from: start + 4) == 4, text.has("-", at: start + 8),
      digitRunLength(text, from: start + 9) == 4, !text.has("-", at: start + 13),
      isMobilePrefix(text, at: start)
    {
      return Candidate(kind: .mobileNumber, range: start..<(start + 13), reading: .personalData)
    }
    var index = start
    var digits = 0
    var groups = 0
    while true {
      let run = digitRunLength(text, from: index)
      guard (1...4).contains(run) else { return nil }
      digits += run
      groups += 1
      index += run
      guard run == 4, text.has("-", at: index), isASCIIDigit(text[index + 1]) else { break }
      index += 1
    }
    guard groups >= 4, (16...19).contains(digits), !text.has("-", at: index),
      passesLuhn(text, start..<index)
    else { return nil }
    return Candidate(kind: .bankCard, range: start..<index, reading: .personalData)
  }

  /// "+86" (optionally "+86-") and a mobile number.
  private static func internationalMobile(in text: FoldedScalars, at start: Int) -> Candidate? {
    guard text.has("8", "6", at: start + 1) else { return nil }
    let number = text.has("-", at: start + 3) ? start + 4 : start + 3
    guard digitRunLength(text, from: number) == 11, isMobilePrefix(text, at: number) else { return nil }
    return Candidate(kind: .mobileNumber, range: start..<(number + 11), reading: .personalData)
  }

  /// 1 and then 3–9: the mainland mobile prefixes.
  private static func isMobilePrefix(_ text: FoldedScalars, at index: Int) -> Bool {
    text[index] == ch("1") && text[index + 1] >= ch("3") && text[index + 1] <= ch("9")
  }

  /// GB 11643: 17 digits weighted by 2^(17−i) mod 11; the check character is (12 − sum mod 11)
  /// mod 11, with 10 written as X (folded to x).
  static func isValidIDNumber(_ text: FoldedScalars, from start: Int) -> Bool {
    var sum = 0
    var weight = 1
    for offset in stride(from: 16, through: 0, by: -1) {
      weight = weight * 2 % 11
      let scalar = text[start + offset]
      guard isASCIIDigit(scalar) else { return false }
      sum += Int(scalar - ch("0")) * weight
    }
    let check = (12 - sum % 11) % 11
    let last = text[start + 17]
    return check == 10 ? last == ch("x") : last == ch("0") + UInt32(check)
  }

  /// The Luhn check over the digits in `range` (dashes skipped).
  static func passesLuhn(_ text: FoldedScalars, _ range: Range<Int>) -> Bool {
    var sum = 0
    var doubled = false
    for index in range.reversed() {
      let scalar = text[index]
      guard isASCIIDigit(scalar) else { continue }
      var digit = Int(scalar - ch("0"))
      if doubled {
        digit *= 2
        if digit > 9 { digit -= 9 }
      }
      sum += digit
      doubled.toggle()
    }
    return sum % 10 == 0
  }

  private static func digitRunLength(_ text: FoldedScalars, from start: Int) -> Int {
    var index = start
    while isASCIIDigit(text[index]) { index += 1 }
    return index - start
  }

  private static func digitRunLengthBackward(_ text: FoldedScalars, endingAt last: Int) -> Int {
    var index = last
    while isASCIIDigit(text[index]) { index -= 1 }
    return last - index
  }
}

// MARK: - Folded text

/// The scalar value of a character literal, for comparing folded text: `text[i] == ch("天")`.
@inline(__always)
private func ch(_ scalar: Unicode.Scalar) -> UInt32 { scalar.value }

@inline(__always)
private func isASCIIDigit(_ scalar: UInt32) -> Bool { scalar >= 0x30 && scalar <= 0x39 }

/// Folded scalars with reads past either end returning 0, so look-ahead needs no bounds checks
/// at the call site.
/// A set of Basic Multilingual Plane scalars as 8 KB of bits; scalars beyond it are never members.
struct BMPBitmap: Sendable {
  private var words = [UInt64](repeating: 0, count: 1024)

  mutating func insert(_ value: UInt32) {
    guard value < 0x10000 else { return }
    words[Int(value >> 6)] |= 1 << UInt64(value & 63)
  }

  @inline(__always)
  func contains(_ value: UInt32) -> Bool {
    value < 0x10000 && words[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
  }
}

struct FoldedScalars {
  let buffer: UnsafeBufferPointer<UInt32>

  init(_ buffer: UnsafeBufferPointer<UInt32>) { self.buffer = buffer }

  @inline(__always)
  subscript(index: Int) -> UInt32 { index >= 0 && index < buffer.count ? buffer[index] : 0 }

  @inline(__always)
  func has(_ a: Unicode.Scalar, at index: Int) -> Bool { self[index] == a.value }

  @inline(__always)
  func has(_ a: Unicode.Scalar, _ b: Unicode.Scalar, at index: Int) -> Bool {
    self[index] == a.value && self[index + 1] == b.value
  }
}

// MARK: - Numbers

/// Numbers as written in Chinese text: Arabic ("2,000", "1.5"), Chinese ("三千五", "二十四",
/// "两万", "二〇二四", formal 壹贰叁), mixed ("3万", "1.5万", "5千"), and approximate pairs
/// ("两三" = 2–3, "三五千" = 3000–5000).
enum ChineseNumber {
  struct Parsed {
    var value: Double
    /// The upper bound of an approximate pair ("两三天" = 2–3 days).
    var upper: Double?
    /// Where the number ends (exclusive).
    var end: Int
    var hasArabicDigits: Bool
    /// Only ASCII digits: no decimal point, comma or Chinese multiplier ("15" in "15:00").
    var isPlainArabic: Bool
    /// Written with 万 or 亿 ("八万", "1.5万"): large enough to be money without 元.
    var usesTenThousand: Bool
    /// A lone 一, which is as often "a" as "one" ("一点" = a little).
    var isLoneYi: Bool

    /// The value as a whole number, if it is one (and not a pair).
    var wholeValue: Int? {
      guard upper == nil, value < 1e9, value == value.rounded(.towardZero) else { return nil }
      return Int(value)
    }
  }

  /// The number written in `string` from start to end, or nil if it is not exactly one number.
  static func parse(_ string: String) -> Double? {
    let scalars = string.unicodeScalars.map(\.value)
    return scalars.withUnsafeBufferPointer { buffer in
      guard let parsed = parse(FoldedScalars(buffer), at: 0), parsed.end == buffer.count, parsed.upper == nil
      else { return nil }
      return parsed.value
    }
  }

  /// The number starting at `start` in folded text, if one does.
  static func parse(_ text: FoldedScalars, at start: Int) -> Parsed? {
    let first = text[start]
    if isASCIIDigit(first) { return parseArabic(text, at: start) }
    guard canStart(first) else { return nil }
    if let a = digit(first), let b = digit(text[start + 1]) {
      return parseDigitByDigit(text, at: start, first: a, second: b)
    }
    return parseWithMultipliers(text, at: start)
  }

  /// Digits, thousands groups ("2,000"), a decimal part, then optional multipliers ("1.5万").
  private static func parseArabic(_ text: FoldedScalars, at start: Int) -> Parsed {
    var index = start
    var mantissa = 0.0
    var divisor = 1.0
    var isPlain = true
    while isASCIIDigit(text[index]) {
      mantissa = mantissa * 10 + Double(text[index] - ch("0"))
      index += 1
    }
    // Thousands groups: a first group of 1–3 digits, then ",ddd" groups not followed by a digit.
    if index - start <= 3 {
      while text.has(",", at: index), isThreeDigitGroup(text, at: index + 1) {
        for offset in 1...3 { mantissa = mantissa * 10 + Double(text[index + offset] - ch("0")) }
        index += 4
        isPlain = false
      }
    }
    if text.has(".", at: index), isASCIIDigit(text[index + 1]) {
      index += 1
      isPlain = false
      while isASCIIDigit(text[index]) {
        mantissa = mantissa * 10 + Double(text[index] - ch("0"))
        divisor *= 10
        index += 1
      }
    }
    var value = mantissa / divisor
    var usesTenThousand = false
    // "5千", "3万", "2百万", "1.5亿": at most a small multiplier and then a large one.
    if let small = smallMultiplier(text[index]), small >= 100 {
      value *= small
      index += 1
      isPlain = false
    }
    if let large = largeMultiplier(text[index]) {
      value *= large
      index += 1
      isPlain = false
      usesTenThousand = true
    }
    return Parsed(
      value: value, end: index, hasArabicDigits: true, isPlainArabic: isPlain,
      usesTenThousand: usesTenThousand, isLoneYi: false)
  }

  private static func isThreeDigitGroup(_ text: FoldedScalars, at index: Int) -> Bool {
    isASCIIDigit(text[index]) && isASCIIDigit(text[index + 1]) && isASCIIDigit(text[index + 2])
      && !isASCIIDigit(text[index + 3])
  }

  /// Two or more digits without multipliers: a neighbouring pair counting up is an approximate
  /// range ("一两", "两三", "三五", optionally with a multiplier: "两三千"); anything else is read
  /// digit by digit ("二〇二四").
  private static func parseDigitByDigit(_ text: FoldedScalars, at start: Int, first: Int, second: Int) -> Parsed {
    let isPair = (second == first + 1 && first >= 1) || (first == 3 && second == 5)
    if isPair, digit(text[start + 2]) == nil {
      var lower = Double(first)
      var upper = Double(second)
      var end = start + 2
      var usesTenThousand = false
      if let multiplier = smallMultiplier(text[end]) ?? largeMultiplier(text[end]) {
        lower *= multiplier
        upper *= multiplier
        end += 1
        usesTenThousand = multiplier >= 10_000
      }
      return Parsed(
        value: lower, upper: upper, end: end, hasArabicDigits: false, isPlainArabic: false,
        usesTenThousand: usesTenThousand, isLoneYi: false)
    }
    var value = 0.0
    var index = start
    while let next = digit(text[index]) {
      value = value * 10 + Double(next)
      index += 1
    }
    return Parsed(
      value: value, end: index, hasArabicDigits: false, isPlainArabic: false, usesTenThousand: false,
      isLoneYi: false)
  }

  /// The usual reading: digits times 十/百/千 within a section, sections times 万/亿, 零 as a gap,
  /// and the spoken short form where a final digit is one step below the multiplier before it
  /// ("三千五" = 3500, "两万五" = 25000, "十五" = 15).
  private static func parseWithMultipliers(_ text: FoldedScalars, at start: Int) -> Parsed? {
    var total = 0.0  // completed 万 and 亿 groups
    var section = 0.0  // the part below 万
    var pending: Double?  // a digit waiting for its multiplier
    var lastMultiplier = 0.0
    var sectionMultiplier = 0.0  // the last 十/百/千 in this section, which must decrease
    var afterZero = false
    var usesTenThousand = false
    var index = start
    scanning: while true {
      let scalar = text[index]
      if let value = digit(scalar) {
        guard pending == nil else { break scanning }  // two digits in a row end the number
        if value == 0 {
          afterZero = true
        } else {
          pending = Double(value)
        }
      } else if let multiplier = smallMultiplier(scalar) {
        if sectionMultiplier != 0, multiplier >= sectionMultiplier { break scanning }
        guard let count = pending ?? (multiplier == 10 ? 1 : nil) else { break scanning }  // 十 alone = 10
        section += count * multiplier
        sectionMultiplier = multiplier
        lastMultiplier = multiplier
        pending = nil
        afterZero = false
      } else if let multiplier = largeMultiplier(scalar) {
        let group = section + (pending ?? 0)
        if multiplier == 10_000 {
          guard group > 0 else { break scanning }  // 万 needs a count: "万一" is not a number
          total += group * multiplier
        } else {
          guard total + group > 0 else { break scanning }
          total = (total + group) * multiplier
        }
        section = 0
        sectionMultiplier = 0
        lastMultiplier = multiplier
        pending = nil
        afterZero = false
        usesTenThousand = true
      } else {
        break scanning
      }
      index += 1
    }
    // A trailing 零 belongs to nothing ("一千零" is 一千 and a stray 零).
    if afterZero, pending == nil, index - start > 1 { index -= 1 }
    guard index > start else { return nil }
    var value = total + section
    if let pending {
      value += afterZero || lastMultiplier == 0 ? pending : pending * lastMultiplier / 10
    }
    return Parsed(
      value: value, end: index, hasArabicDigits: false, isPlainArabic: false,
      usesTenThousand: usesTenThousand, isLoneYi: index - start == 1 && text[start] == ch("一"))
  }

  /// 零〇一二两三…九 and the formal 壹贰叁…玖.
  static func digit(_ scalar: UInt32) -> Int? {
    switch scalar {
    case ch("零"), ch("〇"): 0
    case ch("一"), ch("壹"): 1
    case ch("二"), ch("两"), ch("贰"): 2
    case ch("三"), ch("叁"): 3
    case ch("四"), ch("肆"): 4
    case ch("五"), ch("伍"): 5
    case ch("六"), ch("陆"): 6
    case ch("七"), ch("柒"): 7
    case ch("八"), ch("捌"): 8
    case ch("九"), ch("玖"): 9
    default: nil
    }
  }

  /// 十百千 (and 拾佰仟).
  static func smallMultiplier(_ scalar: UInt32) -> Double? {
    switch scalar {
    case ch("十"), ch("拾"): 10
    case ch("百"), ch("佰"): 100
    case ch("千"), ch("仟"): 1000
    default: nil
    }
  }

  /// 万 and 亿.
  static func largeMultiplier(_ scalar: UInt32) -> Double? {
    switch scalar {
    case ch("万"): 10_000
    case ch("亿"): 100_000_000
    default: nil
    }
  }

  /// Any character of a Chinese numeral.
  static func isNumeral(_ scalar: UInt32) -> Bool {
    digit(scalar) != nil || smallMultiplier(scalar) != nil || largeMultiplier(scalar) != nil
  }

  /// A Chinese numeral can start with a digit or 十 ("十五"), never with 百/千/万/亿, which
  /// start words instead ("千万别", "万一", "百分百").
  static func canStart(_ scalar: UInt32) -> Bool {
    digit(scalar) != nil || scalar == ch("十") || scalar == ch("拾")
  }
}

// MARK: - Candidates and readings

extension QuantityScanner {

  /// A match before overlap resolution; its reading is rendered only if it is kept.
  struct Candidate {
    var kind: Quantity.Kind
    var range: Range<Int>
    var reading: Reading

    func quantity(in text: FoldedScalars) -> Quantity {
      Quantity(kind: kind, range: range, value: reading.text(kind: kind, range: range, in: text))
    }
  }

  enum Reading {
    case duration(Span, DurationUnit, Relation?)
    case moment(Moment)
    case amount(Span, orMore: Bool)
    case personalData

    func text(kind: Quantity.Kind, range: Range<Int>, in text: FoldedScalars) -> String {
      switch self {
      case .duration(let span, let unit, let relation):
        let base = "\(span.text) \(unit.name(plural: !span.isOne))"
        return relation.map { "\(base) \($0.rawValue)" } ?? base
      case .moment(let moment):
        return moment.text
      case .amount(let span, let orMore):
        return "\(span.text)\(orMore ? "+" : "") yuan"
      case .personalData:
        return Self.masked(kind: kind, range: range, in: text)
      }
    }

    /// The number with its middle starred ("138****5678"), so an explanation never repeats it.
    private static func masked(kind: Quantity.Kind, range: Range<Int>, in text: FoldedScalars) -> String {
      var characters: [Character] = []
      for index in range {
        let scalar = text[index]
        if isASCIIDigit(scalar) || scalar == ch("x"), let value = Unicode.Scalar(scalar) {
          characters.append(Character(value))
        }
      }
      if kind == .mobileNumber, characters.count > 11 { characters.removeFirst(characters.count - 11) }  // +86
      let keepFirst = kind == .mobileNumber ? 3 : (kind == .idNumber ? 6 : 4)
      let keepLast = 4
      for index in characters.indices where index >= keepFirst && index < characters.count - keepLast {
        characters[index] = "*"
      }
      return String(characters)
    }
  }

  /// A number or a range of numbers, with what the amount rules need to know about how it was written.
  struct Span {
    var lower: Double
    var upper: Double?
    var usesTenThousand = false
    var hasArabicDigits = false

    init(lower: Double) { self.lower = lower }

    init(_ number: ChineseNumber.Parsed) {
      lower = number.value
      upper = number.upper
      usesTenThousand = number.usesTenThousand
      hasArabicDigits = number.hasArabicDigits
    }

    var isOne: Bool { upper == nil && lower == 1 }

    var text: String {
      guard let upper else { return Self.format(lower) }
      return "\(Self.format(lower))-\(Self.format(upper))"
    }

    /// At most two decimals, none if whole: "1.5", "15000", "3.25".
    static func format(_ value: Double) -> String {
      guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
      let hundredths = Int((value * 100).rounded())
      let whole = hundredths / 100
      let fraction = hundredths % 100
      if fraction == 0 { return "\(whole)" }
      if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
      return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
  }

  enum DurationUnit {
    case minute, hour, day, workingDay, calendarDay, week, month

    /// 工作日 and 自然日 are only used for deadlines, so they need no 内.
    var isDeadlineUnit: Bool { self == .workingDay || self == .calendarDay }

    func name(plural: Bool) -> String {
      let singular =
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .day: "day"
        case .workingDay: "working day"
        case .calendarDay: "calendar day"
        case .week: "week"
        case .month: "month"
        }
      return plural ? singular + "s" : singular
    }
  }

  enum Relation: String {
    case before, within, after
  }

  /// 本/这 (this), 下 (next), or neither.
  enum Period {
    case unspecified, this, next

    var prefix: String {
      switch self {
      case .unspecified: ""
      case .this: "this "
      case .next: "next "
      }
    }
  }

  enum Day {
    case today, tomorrow, dayAfterTomorrow, sameDay
    /// Monday is 1, Sunday 7.
    case weekday(Period, Int)
    case weekend(Period)
    /// 本周, 下周: needs 内 or 前.
    case week(Period)
    /// 本月, 下个月: needs 内 or 前.
    case month(Period)
    case monthEnd(Period)
    case yearEnd(year: Int?)
    case date(year: Int?, month: Int?, day: Int)
    case endOfMonth(month: Int, year: Int?)

    /// A week or month rather than a day.
    var isPeriod: Bool {
      switch self {
      case .week, .month: true
      default: false
      }
    }

    /// "15日"/"15号" with no month, which with 内 is a duration instead ("15日内" = 15 days).
    var isDayOfMonthOnly: Bool {
      if case .date(_, nil, _) = self { return true }
      return false
    }

    private static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    private static let months = [
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december",
    ]

    var text: String {
      switch self {
      case .today: return "today"
      case .tomorrow: return "tomorrow"
      case .dayAfterTomorrow: return "the day after tomorrow"
      case .sameDay: return "the same day"
      case .weekday(let period, let day): return period.prefix + Self.weekdays[day - 1]
      case .weekend(let period): return period.prefix + "weekend"
      case .week(let period): return period.prefix + "week"
      case .month(let period): return period.prefix + "month"
      case .monthEnd(let period): return "end of " + period.prefix + "month"
      case .yearEnd(let year): return "end of " + (year.map { "\($0)" } ?? "the year")
      case .date(let year, let month, let day):
        guard let month else { return "day \(day)" }
        return "\(Self.months[month - 1]) \(day)" + (year.map { " \($0)" } ?? "")
      case .endOfMonth(let month, let year):
        return "end of \(Self.months[month - 1])" + (year.map { " \($0)" } ?? "")
      }
    }
  }

  enum PartOfDay: String {
    case morning, noon, afternoon, evening
    case earlyMorning = "early morning"
    /// 下班: the end of the working day.
    case endOfWork = "end of workday"
  }

  struct Clock {
    var hour: Int
    var minute: Int
    /// "一点" with nothing around it: more often "a little" than one o'clock.
    var isAmbiguous = false

    var text: String { "\(hour):\(minute < 10 ? "0" : "")\(minute)" }
  }

  /// A point in time: a day, a part of the day, a clock time, and how the commitment relates to it.
  struct Moment {
    var day: Day?
    var part: PartOfDay?
    var clock: Clock?
    var relation: Relation?

    /// Whether this is specific enough to be a commitment (see ``QuantityScanner``'s notes).
    var isCommitment: Bool {
      if let day {
        if day.isPeriod { return relation != nil }
        if day.isDayOfMonthOnly, relation == .within { return false }
        return relation != nil || clock != nil || (part != nil && part != .endOfWork)
      }
      if part != nil { return relation != nil || clock != nil }
      if let clock { return relation != nil && !clock.isAmbiguous }
      return false
    }

    /// "tomorrow noon 12:00 before".
    var text: String {
      var words: [String] = []
      if let day { words.append(day.text) }
      if let part { words.append(part.rawValue) }
      if let clock { words.append(clock.text) }
      if let relation { words.append(relation.rawValue) }
      return words.joined(separator: " ")
    }
  }
}
