import Testing

@testable import Diagnostics

@Suite struct SuggestionTests {
  @Test(arguments: [
    ("escalte", "escalate"), ("tranistions", "transitions"), ("angy", "angry"), ("scenaro", "scenario"),
    ("empaty", "empathy"), ("Empathy", "empathy"),
  ])
  func typosFindTheIntendedWord(_ typo: String, _ intended: String) {
    #expect(Suggestion.closest(to: typo, in: ["escalate", "transitions", "angry", "scenario", "empathy", "apology"]) == intended)
  }

  @Test func unrelatedWordsGetNoSuggestion() {
    #expect(Suggestion.closest(to: "zzz", in: ["escalate", "resolved"]) == nil)
    #expect(Suggestion.hint(for: "banana", in: ["anger", "trust"]) == nil)
  }

  @Test func tiesBreakAlphabeticallySoOutputIsStable() {
    #expect(Suggestion.closest(to: "ab", in: ["ac", "aa"]) == "aa")
  }
}

@Suite struct DiagnosticRendererTests {
  private func render(_ diagnostic: Diagnostic, source: String) -> String {
    DiagnosticRenderer(colored: false, source: { _ in source }).render(diagnostic)
  }

  @Test func caretSitsUnderTheTokenWithHint() {
    let diagnostic = Diagnostic(
      .unknownState, at: SourceLocation(file: "s.yaml", line: 2, column: 9), message: "unknown state 'escalte'",
      length: 7, hint: "did you mean 'escalate'?")
    #expect(render(diagnostic, source: "states:\n  - to: escalte\n") == """
      s.yaml:2:9: error: unknown state 'escalte' [CS0203]
        2 |   - to: escalte
          |         ^~~~~~~ did you mean 'escalate'?
      """)
  }

  @Test func chineseCharactersTakeTwoColumns() {
    let diagnostic = Diagnostic(
      .wrongType, at: SourceLocation(file: "s.yaml", line: 1, column: 28), message: "expected a whole number, found 'old'",
      length: 3)
    let lines = render(diagnostic, source: "customer: {name: 王先生, age: old}\n").split(separator: "\n")
    // 'old' is the 28th character, but 王先生 before it is three characters and six columns.
    #expect(lines[2] == "    | " + String(repeating: " ", count: 30) + "^~~")
    #expect(DisplayWidth.of("王先生, ") == 8)
  }

  @Test func unknownSourceLineRendersHeadlineAndHintOnly() {
    let diagnostic = Diagnostic(.emptyFile, at: .file("x.yaml"), message: "file is empty", hint: "add 'kind'")
    #expect(DiagnosticRenderer(colored: false, source: { _ in nil }).render(diagnostic)
      == "x.yaml:1:1: error: file is empty [CS0009]\n  = add 'kind'")
  }

  @Test func colourIsOnlyAddedWhenAsked() {
    let diagnostic = Diagnostic(.emptyFile, at: .file("x.yaml"), message: "file is empty")
    #expect(!DiagnosticRenderer(colored: false, source: { _ in nil }).render(diagnostic).contains("\u{1B}"))
    #expect(DiagnosticRenderer(colored: true, source: { _ in nil }).render(diagnostic).contains("\u{1B}[1;31m"))
  }

  @Test func everyCodeHasADistinctSlugAndTemplate() {
    let slugs = DiagnosticCode.allCases.map(\.descriptor.slug)
    #expect(Set(slugs).count == slugs.count)
    #expect(DiagnosticCode.allCases.allSatisfy { !$0.descriptor.template.isEmpty })
  }
}
