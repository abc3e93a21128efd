import ArgumentParser
import Content
import Foundation
import MallocCounter

#if canImport(Glibc)
  import Glibc
#endif

/// `complaint-sim-bench check`: the content compiler over a generated corpus, and hostile inputs.
struct CheckBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Compile a generated corpus of scenario files; time the hostile inputs.")

  @Option(name: .long, help: "Scenario files in the generated corpus.")
  var files = 200

  @Option(name: .long, help: "Timed repetitions (the median is reported).")
  var runs = 5

  @Option(name: .long, help: "Folder holding the shipped content.")
  var root = "."

  func run() throws {
    let corpus = try CorpusGenerator(root: root).generate(scenarioFiles: files)
    defer { try? FileManager.default.removeItem(atPath: corpus) }
    let paths = ContentLoader.defaultFolders.map { corpus + "/" + $0 }

    var times: [Double] = []
    var last: LoadResult?
    for _ in 0..<max(1, runs) {
      let start = DispatchTime.now().uptimeNanoseconds
      last = ContentLoader().load(paths: paths)
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    guard let result = last else { return }
    times.sort()
    print("check over a generated corpus: \(result.files.count) files (\(files) scenarios), \(result.errorCount) errors, \(result.warningCount) warnings")
    print(String(format: "  wall time: median %.3f s, min %.3f s, max %.3f s over %d runs", times[times.count / 2], times[0], times[times.count - 1], times.count))
    print(String(format: "  peak memory (max RSS of this process): %.1f MB", PeakMemory.megabytes()))
    try benchHostileInputs()
  }

  /// Times each hostile input the loader must refuse quickly.
  private func benchHostileInputs() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("complaint-sim-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    func write(_ name: String, _ data: Data) throws -> String {
      let path = directory.appendingPathComponent(name).path
      try data.write(to: URL(fileURLWithPath: path))
      return path
    }
    let huge = directory.appendingPathComponent("huge.yaml").path
    _ = FileManager.default.createFile(atPath: huge, contents: nil)
    if let handle = FileHandle(forWritingAtPath: huge) {
      try handle.truncate(atOffset: 50 * 1024 * 1024)
      try handle.close()
    }
    var bomb = "kind: scenario\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
    var generator = SystemRandomNumberGenerator()
    let cases: [(String, String)] = [
      ("50 MB file", huge),
      ("billion laughs", try write("bomb.yaml", Data(bomb.utf8))),
      ("1 MB binary garbage", try write("garbage.yaml", Data((0..<1_000_000).map { _ in UInt8.random(in: 0...255, using: &generator) }))),
      ("10,000 levels of nesting", try write("deep.yaml", Data(("x: " + String(repeating: "[", count: 10_000)).utf8))),
    ]
    print("hostile inputs (each must be refused with one diagnostic):")
    for (name, path) in cases {
      let start = DispatchTime.now().uptimeNanoseconds
      let result = ContentLoader().load(paths: [path])
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      let code = result.diagnostics.first?.code.rawValue ?? "none"
      print(String(format: "  %-26@ %.4f s  %@", name as NSString, seconds, code as NSString))
    }
    print(String(format: "  peak memory after hostile inputs: %.1f MB", PeakMemory.megabytes()))
  }
}

/// Builds a corpus from the shipped content: N scenario files (copies of the shipped ones with
/// unique ids) plus the shipped personas, rubrics, cues and curriculum they reference.
struct CorpusGenerator {
  var root: String

  func generate(scenarioFiles: Int) throws -> String {
    let fileManager = FileManager.default
    let corpus = fileManager.temporaryDirectory.appendingPathComponent("complaint-sim-corpus-\(UUID().uuidString)").path
    for folder in ContentLoader.defaultFolders {
      let source = (root as NSString).appendingPathComponent(folder)
      for relative in (fileManager.enumerator(atPath: source)?.allObjects as? [String]) ?? [] where relative.hasSuffix(".yaml") {
        if folder == "scenarios", !relative.contains("/") { continue }  // scenarios are generated below
        let target = "\(corpus)/\(folder)/\(relative)"
        try fileManager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try fileManager.copyItem(atPath: "\(source)/\(relative)", toPath: target)
      }
    }
    let scenarioFolder = (root as NSString).appendingPathComponent("scenarios")
    let templates = try fileManager.contentsOfDirectory(atPath: scenarioFolder).filter { $0.hasSuffix(".yaml") }.sorted()
      .map { try String(contentsOfFile: "\(scenarioFolder)/\($0)", encoding: .utf8) }
    guard !templates.isEmpty else { throw ValidationError("no scenarios under \(scenarioFolder) to build a corpus from") }
    for index in 0..<scenarioFiles {
      var text = templates[index % templates.count]
      let copy = index / templates.count
      if copy > 0, let range = text.range(of: "\nid: ") {
        let lineEnd = text[range.upperBound...].firstIndex(of: "\n") ?? text.endIndex
        text.replaceSubrange(range.upperBound..<lineEnd, with: String(text[range.upperBound..<lineEnd]) + "-copy-\(copy)")
      }
      try text.write(toFile: "\(corpus)/scenarios/generated-\(index).yaml", atomically: false, encoding: .utf8)
    }
    return corpus
  }
}

/// Peak resident memory of this process.
enum PeakMemory {
  static func megabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
  }
}
