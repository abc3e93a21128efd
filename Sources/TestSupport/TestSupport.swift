import Foundation

/// Paths of the repository, found from this source file so tests work from any directory.
public enum Repository {
  /// The repository root (the folder holding Package.swift).
  public static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }()

  /// A path under the root.
  public static func path(_ relative: String) -> String {
    root.appendingPathComponent(relative).path
  }
}

/// A folder under the system temporary directory, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
  public let url: URL
  public var path: String { url.path }

  public init(prefix: String = "complaint-sim") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` to `relative` (creating folders) and returns the full path.
  @discardableResult
  public func write(_ relative: String, _ text: String) throws -> String {
    try write(relative, Data(text.utf8))
  }

  /// Writes raw bytes to `relative` (creating folders) and returns the full path.
  @discardableResult
  public func write(_ relative: String, _ data: Data) throws -> String {
    let file = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file.path
  }

  /// Copies every file of `folder` (recursively) into this directory.
  public func copyContents(of folder: String) throws {
    let fileManager = FileManager.default
    for relative in (fileManager.enumerator(atPath: folder)?.allObjects as? [String]) ?? [] {
      var isDirectory: ObjCBool = false
      let source = (folder as NSString).appendingPathComponent(relative)
      guard fileManager.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
      try write(relative, try Data(contentsOf: URL(fileURLWithPath: source)))
    }
  }
}

/// The result of running a process.
public struct ProcessOutput: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// Runs the built `complaint-sim` binary, as a user would (STYLE G12).
public enum CommandRunner {
  /// The built executable next to the test bundle.
  public static let executable: String? = {
    let fileManager = FileManager.default
    var candidates: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
    candidates.append(Repository.root.appendingPathComponent(".build/debug"))
    for directory in candidates {
      let path = directory.appendingPathComponent("complaint-sim").path
      if fileManager.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }()

  /// Runs `complaint-sim` with `arguments` in `directory`, with NO_COLOR set.
  public static func run(
    _ arguments: [String], in directory: String = Repository.root.path, stdin: String? = nil
  ) throws -> ProcessOutput {
    guard let executable else { throw RunnerError.notBuilt }
    return try runProcess(executable, arguments, in: directory, stdin: stdin)
  }

  /// Runs any program and collects its output.
  public static func runProcess(
    _ executable: String, _ arguments: [String], in directory: String, stdin: String? = nil,
    environment: [String: String] = ["NO_COLOR": "1"]
  ) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a chatty child cannot block on a full pipe.
    let outData = OutputCollector(out.fileHandleForReading)
    let errData = OutputCollector(err.fileHandleForReading)
    process.waitUntilExit()
    return ProcessOutput(
      status: process.terminationStatus, stdout: outData.text(), stderr: errData.text())
  }

  public enum RunnerError: Error, CustomStringConvertible {
    case notBuilt
    public var description: String { "complaint-sim is not built; run 'swift build' first" }
  }
}

/// Drains a pipe on a background thread.
final class OutputCollector: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func text() -> String {
    done.wait()
    return String(decoding: data, as: UTF8.self)
  }
}
