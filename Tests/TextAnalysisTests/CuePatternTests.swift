import Testing
import TextAnalysis

@Suite struct CuePatternTests {
  @Test func aLiteralIsOneTerm() throws {
    let pattern = try CuePattern.parse("理解您的心情")
    #expect(pattern.terms == ["理解您的心情"])
    #expect(pattern.gaps == [])
  }

  @Test func ellipsisSeparatesTermsWithTheDefaultGap() throws {
    let pattern = try CuePattern.parse("理解…心情")
    #expect(pattern.terms == ["理解", "心情"])
    #expect(pattern.gaps == [CuePattern.defaultGap])
    #expect(try CuePattern.parse("理解...心情") == CuePattern(terms: ["理解", "心情"], gaps: [8], source: "理解...心情"))
  }

  @Test func explicitGaps() throws {
    let pattern = try CuePattern.parse("虽然…{20}但是…{0}可以")
    #expect(pattern.terms == ["虽然", "但是", "可以"])
    #expect(pattern.gaps == [20, 0])
  }

  @Test func wordClassReferencesAreTermsWithTheirOffsets() throws {
    let pattern = try CuePattern.parse("@third-party…{6}取了…@money")
    #expect(pattern.terms == ["@third-party", "取了", "@money"])
    #expect(pattern.wordClassReferences.map(\.name) == ["third-party", "money"])
    #expect(pattern.wordClassReferences.map(\.offset) == [0, 19])
    #expect(CuePattern.wordClass(in: "取了") == nil)
  }

  @Test(arguments: [
    ("…心情", 0, "empty term before or after '…'"),
    ("理解…", 3, "empty term before or after '…'"),
    ("理解…{x}心情", 4, "gap '{x}' must be a whole number from 0 to 200"),
    ("理解…{999}心情", 4, "gap '{999}' must be a whole number from 0 to 200"),
    ("理解…{8心情", 3, "'{' without a closing '}'"),
    ("理解…@Money", 3, "'@Money' is not a word class reference: after '@' write the class id (lower-case letters, digits and '-')"),
  ])
  func malformedPatternsSayWhereAndWhy(_ source: String, _ offset: Int, _ problem: String) {
    #expect(throws: CuePatternError(offset: offset, problem: problem)) { try CuePattern.parse(source) }
  }
}
