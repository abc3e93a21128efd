import Content
import Foundation
import Testing
import TextAnalysis
import TestSupport

/// The content the product ships loads cleanly, compiles to a value that survives a JSON round
/// trip, and validates against the published JSON Schemas with an independent validator.
@Suite struct ShippedContentTests {
  static let folders = ContentLoader.defaultFolders.map(Repository.path)

  @Test func shippedContentHasNoErrorsOrWarnings() throws {
    let result = ContentLoader().load(paths: Self.folders)
    #expect(result.diagnostics.map(\.headline) == [])
    let content = try #require(result.content)
    #expect(Set(content.scenarios.map(\.archetype.rawValue)) == ["angry", "rational", "disappointed", "malicious", "group"])
    #expect(!content.modules.isEmpty && !content.questionBanks.isEmpty && !content.exams.isEmpty)
    #expect(!content.lexicon.cues.isEmpty && !content.rubrics.isEmpty)
  }

  @Test func compiledContentSurvivesAJSONRoundTrip() throws {
    let content = try #require(ContentLoader().load(paths: Self.folders).content)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = try encoder.encode(content)
    let decoded = try JSONDecoder().decode(CompiledContent.self, from: data)
    #expect(decoded == content)
    #expect(try encoder.encode(decoded) == data)
  }

  /// Word classes written in a lexicon file reach the compiled lexicon, and patterns that name
  /// them match any of their words (the red-line lexicons are built this way).
  @Test func wordClassesCompileIntoTheLexicon() throws {
    let directory = try TemporaryDirectory()
    try directory.write("rubrics/cues/classes.yaml", """
      kind: cue-lexicon
      schemaVersion: 1
      id: classes
      title: 词类
      classes:
        - {id: third-party, words: [他, 她, 收款人]}
        - {id: money-move, words: [取了, 转走]}
      cues:
        - id: leak
          title: 泄露
          patterns: ["@third-party…{6}@money-move"]
          examples:
            match: [她上周取了两万]
            noMatch: [您取了两万]
      """)
    let content = try #require(ContentLoader().load(paths: [directory.path]).content)
    #expect(content.lexicon.classes == [
      WordClass(id: "third-party", words: ["他", "她", "收款人"]), WordClass(id: "money-move", words: ["取了", "转走"]),
    ])
    let matcher = CueMatcher(lexicon: content.lexicon)
    #expect(matcher.analyze("收款人昨天转走了").cues == ["leak"])
    #expect(matcher.analyze("您取了两万").cues == [])
  }

  @Test func loadingIsDeterministic() throws {
    let first = try #require(ContentLoader().load(paths: Self.folders).content)
    let second = try #require(ContentLoader().load(paths: Self.folders).content)
    #expect(first == second)
  }

  @Test(arguments: ContentKind.allCases)
  func publishedSchemaIsUpToDate(_ kind: ContentKind) throws {
    let published = try String(contentsOfFile: Repository.path("schemas/\(kind.rawValue).schema.json"), encoding: .utf8)
    #expect(published == JSONSchemaWriter.schema(for: kind) + "\n", "run: swift run complaint-sim schema --output schemas")
  }

  @Test func shippedFilesValidateAgainstTheSchemasWithJsonschema() throws {
    let files = Self.folders.flatMap { folder in
      ((FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? [])
        .filter { $0.hasSuffix(".yaml") }.map { folder + "/" + $0 }
    }.sorted()
    #expect(files.count >= 10)
    let output = try CommandRunner.runProcess(
      "/usr/bin/env", ["python3", Repository.path("scripts/validate_schemas.py"), Repository.path("schemas")] + files,
      in: Repository.root.path)
    #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    #expect(output.stdout.hasSuffix("\(files.count) passed, 0 failed\n"))
  }

  @Test func schemasRejectWhatTheCompilerRejects() throws {
    let directory = try TemporaryDirectory()
    let bad = try directory.write(
      "scenarios/bad.yaml",
      "# yaml-language-server: $schema=\(Repository.path("schemas/scenario.schema.json"))\nkind: scenario\nschemaVersion: 1\nid: bad\ntitel: 拼错\n")
    let output = try CommandRunner.runProcess(
      "/usr/bin/env", ["python3", Repository.path("scripts/validate_schemas.py"), Repository.path("schemas"), bad],
      in: Repository.root.path)
    #expect(output.status == 1)
    #expect(output.stdout.contains("'titel' was unexpected"))
  }
}
