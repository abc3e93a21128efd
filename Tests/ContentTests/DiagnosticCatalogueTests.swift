import Content
import Diagnostics
import Foundation
import Testing
import TestSupport
import Yams

/// Every diagnostic code has a documentation page with at least one example, and every example
/// raises its code (STYLE G5, after Yarn Spinner's GeneratedDialogueTests).
@Suite struct DiagnosticCatalogueTests {
  static let pages = DiagnosticPage.loadAll()

  @Test func everyCodeHasAPage() {
    let documented = Set(Self.pages.map(\.code))
    let missing = DiagnosticCode.allCases.map(\.rawValue).filter { !documented.contains($0) }
    #expect(missing.isEmpty, "codes without a page in docs/diagnostics: \(missing)")
  }

  @Test func pagesAreNamedAfterTheirCodeAndSlug() {
    for page in Self.pages {
      let code = DiagnosticCode(rawValue: page.code)
      #expect(code != nil, "\(page.fileName): unknown code \(page.code)")
      if let code {
        #expect(page.fileName == "\(code.rawValue)-\(code.descriptor.slug).md")
        #expect(page.severity == code.descriptor.severity.rawValue, "\(page.fileName): severity")
        #expect(page.message == code.descriptor.template, "\(page.fileName): message template")
      }
    }
  }

  @Test(arguments: DiagnosticCatalogueTests.pages.flatMap { page in page.examples.map { (page, $0) } })
  func exampleRaisesItsCode(_ page: DiagnosticPage, _ example: DiagnosticExample) throws {
    let result = try example.run()
    let codes = result.diagnostics.map(\.code.rawValue)
    #expect(codes.contains(page.code), "\(page.fileName) '\(example.name)' raised \(codes), not \(page.code)")
    // Messages follow the documented template: {placeholders} stand for any text.
    let template = try #require(DiagnosticCode(rawValue: page.code)).descriptor.template
    let literals = template.replacingOccurrences(of: #"\{[^}]*\}"#, with: "\u{0}", options: .regularExpression)
      .split(separator: "\u{0}", omittingEmptySubsequences: false)
      .map { NSRegularExpression.escapedPattern(for: String($0)) }
    let pattern = "^" + literals.joined(separator: ".+") + "$"
    let shaped = try NSRegularExpression(pattern: pattern)
    for diagnostic in result.diagnostics where diagnostic.code.rawValue == page.code {
      let range = NSRange(diagnostic.message.startIndex..., in: diagnostic.message)
      #expect(shaped.firstMatch(in: diagnostic.message, range: range) != nil,
              "\(page.fileName): '\(diagnostic.message)' does not follow the template '\(template)'")
    }
    for expected in example.expect {
      #expect(result.headlines.contains(expected), "\(page.fileName) '\(example.name)': missing \(expected)\ngot:\n\(result.headlines.joined(separator: "\n"))")
    }
    // Every diagnostic has a real location (Yarn Spinner's rule).
    for diagnostic in result.diagnostics {
      #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
    }
  }
}

/// One page of docs/diagnostics, read from its YAML front matter.
struct DiagnosticPage: Sendable, CustomTestStringConvertible {
  var fileName: String
  var code: String
  var severity: String
  var message: String
  var examples: [DiagnosticExample]

  var testDescription: String { fileName }

  static func loadAll() -> [DiagnosticPage] {
    let folder = Repository.path("docs/diagnostics")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    return names.compactMap { name in
      guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { return nil }
      let parts = text.components(separatedBy: "\n---\n")
      guard text.hasPrefix("---\n"), parts.count >= 2 else { return nil }
      let frontMatter = String(parts[0].dropFirst(4))
      guard let front = try? YAMLDecoder().decode(FrontMatter.self, from: frontMatter) else {
        return DiagnosticPage(fileName: name, code: "unparsable front matter", severity: "", message: "", examples: [])
      }
      return DiagnosticPage(
        fileName: name, code: front.code, severity: front.severity, message: front.message,
        examples: front.examples.map { $0.named(in: name) })
    }
  }

  struct FrontMatter: Decodable {
    var code: String
    var severity: String
    var message: String
    var examples: [DiagnosticExample]
  }
}

/// A documented example: files to write (optionally on top of the Base fixture), and the
/// headlines it must produce.
struct DiagnosticExample: Decodable, Sendable, CustomTestStringConvertible {
  var name: String
  var base: Bool?
  var files: [String: String]?
  var base64Files: [String: String]?
  var directories: [String]?
  var symlinks: [String: String]?
  var paths: [String]?
  var maxFileBytes: Int?
  var expect: [String]
  var page: String?

  var testDescription: String { "\(page ?? ""): \(name)" }

  func named(in page: String) -> DiagnosticExample {
    var copy = self
    copy.page = page
    return copy
  }

  struct Outcome {
    var diagnostics: [Diagnostic]
    var headlines: [String]
  }

  func run() throws -> Outcome {
    let directory = try TemporaryDirectory()
    if base == true { try directory.copyContents(of: Repository.path("Tests/ContentTests/Fixtures/Base")) }
    for (path, text) in files ?? [:] { try directory.write(path, text) }
    for (path, encoded) in base64Files ?? [:] { try directory.write(path, Data(base64Encoded: encoded) ?? Data()) }
    for path in directories ?? [] {
      try FileManager.default.createDirectory(
        atPath: directory.url.appendingPathComponent(path).path, withIntermediateDirectories: true)
    }
    for (path, target) in symlinks ?? [:] {
      try FileManager.default.createSymbolicLink(
        atPath: directory.url.appendingPathComponent(path).path, withDestinationPath: target)
    }
    let root = directory.path + "/"
    let targets = (paths ?? [""]).map { root + $0 }
    var limits = ReadLimits.standard
    if let maxFileBytes { limits.maxFileBytes = maxFileBytes }
    let result = ContentLoader(limits: limits).load(paths: targets)
    let diagnostics = result.diagnostics.map { diagnostic in
      var relative = diagnostic
      relative.location.file = diagnostic.location.file.replacingOccurrences(of: root, with: "")
      relative.message = diagnostic.message.replacingOccurrences(of: root, with: "")
      return relative
    }
    return Outcome(diagnostics: diagnostics, headlines: diagnostics.map(\.headline))
  }
}
