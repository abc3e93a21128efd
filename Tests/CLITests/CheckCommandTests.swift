import Foundation
import Testing
import TestSupport

/// `complaint-sim check`, run as a user would, against the contract in PRODUCT.md:
/// diagnostics on stderr in the compiler layout, a one-line summary, exit codes 0/1/2.
@Suite struct CheckCommandTests {
  @Test func shippedContentChecksClean() throws {
    let output = try CommandRunner.run(["check"])
    #expect(output.status == 0)
    #expect(output.stderr == "")
    #expect(output.stdout.hasPrefix("check ok: "))
    #expect(output.stdout.hasSuffix(" files, 0 errors, 0 warnings\n"))
  }

  @Test func brokenFileIsPointedAtWithSnippetAndHint() throws {
    let directory = try TemporaryDirectory()
    try directory.copyContents(of: Repository.path("Tests/ContentTests/Fixtures/Base"))
    let scenario = try String(contentsOfFile: directory.path + "/scenarios/base-angry.yaml", encoding: .utf8)
    try directory.write("scenarios/base-angry.yaml", scenario.replacingOccurrences(of: "to: calmer", with: "to: calmr"))
    let output = try CommandRunner.run(["check", "scenarios", "rubrics", "curriculum"], in: directory.path)
    #expect(output.status == 1)
    #expect(output.stderr == """
      scenarios/base-angry.yaml:17:13: error: unknown state 'calmr' [CS0203]
        17 |         to: calmr
           |             ^~~~~ did you mean 'calmer'?

      """)
    #expect(output.stdout == "check failed: 6 files, 1 error, 0 warnings\n")
  }

  @Test func jsonFormatCarriesTheSameDiagnostics() throws {
    let directory = try TemporaryDirectory()
    try directory.write("scenarios/x.yaml", "kind: scenaro\n")
    let output = try CommandRunner.run(["check", "--format", "json", "scenarios"], in: directory.path)
    #expect(output.status == 1)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(json["errors"] as? Int == 1)
    let diagnostic = try #require((json["diagnostics"] as? [[String: Any]])?.first)
    #expect(diagnostic["file"] as? String == "scenarios/x.yaml")
    #expect(diagnostic["line"] as? Int == 1)
    #expect(diagnostic["column"] as? Int == 7)
    #expect(diagnostic["code"] as? String == "CS0102")
    #expect(diagnostic["severity"] as? String == "error")
    #expect(diagnostic["hint"] as? String == "did you mean 'scenario'?")
  }

  @Test func missingPathIsAUsageErrorWithExitTwo() throws {
    let output = try CommandRunner.run(["check", "no/such/folder"])
    #expect(output.status == 2)
    #expect(output.stderr.contains("no/such/folder:1:1: error: cannot read 'no/such/folder': no such file [CS0001]"))
  }

  @Test func unknownOptionIsAUsageErrorWithExitTwo() throws {
    let output = try CommandRunner.run(["check", "--formt", "json"])
    #expect(output.status == 2)
    #expect(output.stderr.contains("Unknown option '--formt'"))
  }

  @Test func warningsAloneDoNotFailTheCheck() throws {
    let directory = try TemporaryDirectory()
    try directory.copyContents(of: Repository.path("Tests/ContentTests/Fixtures/Base"))
    try directory.copyContents(of: Repository.path("Tests/ContentTests/Fixtures/Invalid/StatesShouldBeReachable"))
    try FileManager.default.removeItem(atPath: directory.path + "/expected.diagnostics")
    let output = try CommandRunner.run(["check", "--root", directory.path])
    #expect(output.status == 0)
    #expect(output.stdout == "check ok: 6 files, 0 errors, 2 warnings\n")
  }
}

/// `complaint-sim list` and `complaint-sim schema`.
@Suite struct ListAndSchemaCommandTests {
  @Test func listScenariosAsJSONCarriesIdTitleArchetypeAndVariants() throws {
    let output = try CommandRunner.run(["list", "scenarios", "--json"])
    #expect(output.status == 0)
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count >= 5)
    for row in rows {
      #expect(row["id"] is String && row["title"] is String && row["archetype"] is String && row["variants"] is [String])
    }
  }

  @Test func listFiltersByArchetype() throws {
    let output = try CommandRunner.run(["list", "scenarios", "--archetype", "group", "--json"])
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { $0["archetype"] as? String == "group" })
  }

  @Test(arguments: ["modules", "questions", "rubrics", "cues"])
  func listOtherKinds(_ what: String) throws {
    let output = try CommandRunner.run(["list", what, "--json"])
    #expect(output.status == 0)
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { $0["id"] is String && $0["title"] is String })
  }

  @Test func tableColumnsLineUpWithChineseTitles() throws {
    let output = try CommandRunner.run(["list", "scenarios"])
    let lines = output.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("ID") == true)
    #expect(lines.last?.hasSuffix(" scenarios") == true)
  }

  @Test func schemaPrintsDraft2020Schema() throws {
    let output = try CommandRunner.run(["schema", "scenario"])
    #expect(output.status == 0)
    let schema = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    #expect((schema["required"] as? [String])?.contains("states") == true)
  }

  @Test func unknownSchemaKindIsAUsageError() throws {
    let output = try CommandRunner.run(["schema", "scenery"])
    #expect(output.status == 2)
  }
}
