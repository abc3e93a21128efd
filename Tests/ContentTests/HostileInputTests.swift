import Content
import DialogueRuntime
import Diagnostics
import Foundation
import Testing
import TestSupport

/// Hostile and broken input never crashes or hangs the loader: each gets one clear diagnostic
/// naming the limit it hit. (Timings are reported by `complaint-sim bench`, not asserted here.)
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
  private func load(_ directory: TemporaryDirectory, _ paths: [String]? = nil) -> LoadResult {
    ContentLoader().load(paths: paths ?? [directory.path])
  }

  private func codes(_ result: LoadResult) -> [DiagnosticCode] { result.diagnostics.map(\.code) }

  @Test func fiftyMegabyteFileIsRefusedWithoutBeingRead() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url.appendingPathComponent("scenarios/huge.yaml").path
    try FileManager.default.createDirectory(atPath: directory.path + "/scenarios", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 50 * 1024 * 1024)
    try handle.close()
    let result = load(directory)
    #expect(codes(result) == [.fileTooLarge])
    #expect(result.diagnostics.first?.message == "file is 50 MiB, over the 1 MiB limit for content files")
  }

  @Test func billionLaughsIsStoppedByTheAliasLimit() throws {
    var yaml = "kind: scenario\nlol0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
    for level in 1...9 {
      let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      yaml += "lol\(level): &a\(level) [\(refs)]\n"
    }
    let directory = try TemporaryDirectory()
    try directory.write("scenarios/bomb.yaml", yaml)
    let result = load(directory)
    #expect(codes(result) == [.aliasExpansionLimit])
    #expect(result.diagnostics.first?.message.contains("200000 nodes") == true)
  }

  @Test func binaryGarbageGetsADiagnosticNotACrash() throws {
    var generator = SplitMix64(seed: 42)
    let bytes = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let directory = try TemporaryDirectory()
    try directory.write("scenarios/garbage.yaml", Data(bytes))
    let result = load(directory)
    #expect(result.content == nil)
    #expect(result.diagnostics.count == 1)
    #expect([.invalidUTF8, .yamlSyntax].contains(codes(result).first))
  }

  @Test func controlCharactersInValidUTF8AreASyntaxError() throws {
    let directory = try TemporaryDirectory()
    try directory.write("scenarios/nul.yaml", Data("kind: scenario\nid: a\u{0}b\n".utf8))
    let result = load(directory)
    #expect(codes(result) == [.yamlSyntax])
    #expect(result.diagnostics.first?.location.line == 2)
  }

  @Test func invalidUTF8IsPointedAtByLineAndColumn() throws {
    let directory = try TemporaryDirectory()
    var data = Data("kind: scenario\ntitle: 测试".utf8)
    data.append(contentsOf: [0xFF, 0xFE])
    data.append(Data("\n".utf8))
    try directory.write("scenarios/latin1.yaml", data)
    let result = load(directory)
    #expect(result.diagnostics.map(\.headline) == [
      "\(directory.path)/scenarios/latin1.yaml:2:10: error: file is not valid UTF-8 (invalid byte 0xFF at offset 28) [CS0004]"
    ])
  }

  @Test func tenThousandLevelsOfFlowNesting() throws {
    let directory = try TemporaryDirectory()
    try directory.write("scenarios/deep.yaml", "kind: scenario\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n")
    let result = load(directory)
    #expect(codes(result) == [.nestingTooDeep])
    #expect(result.diagnostics.first?.message == "YAML nesting deeper than the limit of 1000 levels")
  }

  @Test func tenThousandLevelsOfBlockNesting() throws {
    let directory = try TemporaryDirectory()
    try directory.write("scenarios/deep.yaml", "kind: scenario\nx:\n  " + String(repeating: "- ", count: 10_000) + "x\n")
    let result = load(directory)
    #expect(codes(result) == [.nestingTooDeep])
  }

  @Test func aDirectoryWhereAFileIsExpected() throws {
    let directory = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: directory.path + "/scenarios/broken.yaml", withIntermediateDirectories: true)
    let result = load(directory)
    #expect(codes(result) == [.notAFile])
  }

  @Test func anUnreadableFile() throws {
    let directory = try TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: directory.path + "/scenarios", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: directory.path + "/scenarios/gone.yaml", withDestinationPath: "/nonexistent/gone.yaml")
    let result = load(directory)
    #expect(codes(result) == [.unreadableFile])
    #expect(result.diagnostics.first?.message.hasSuffix("no such file") == true)
  }

  @Test func aFileWithoutPermissionWhenNotRoot() throws {
    guard getuid() != 0 else { return }  // root reads everything; the symlink case covers it
    let directory = try TemporaryDirectory()
    let path = try directory.write("scenarios/secret.yaml", "kind: scenario\n")
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
    let result = load(directory)
    #expect(codes(result) == [.unreadableFile])
  }

  @Test func emptyAndNonMappingFiles() throws {
    let directory = try TemporaryDirectory()
    try directory.write("scenarios/empty.yaml", "\n   \n")
    try directory.write("scenarios/list.yaml", "- a\n- b\n")
    try directory.write("scenarios/comment.yaml", "# only a comment\n")
    let result = load(directory)
    #expect(codes(result).sorted { $0.rawValue < $1.rawValue } == [.emptyFile, .emptyFile, .wrongType])
  }
}
