import ArgumentParser
import Content
import Diagnostics
import Foundation

/// `complaint-sim check [PATH...]`: validate content and report every problem found.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate content files and report every problem with file:line:column.",
    discussion: "With no paths, checks curriculum/, rubrics/ and scenarios/.")

  @Argument(help: "Files or folders to check.")
  var paths: [String] = []

  @Option(name: .long, help: "Output format: text (diagnostics on stderr) or json (on stdout).")
  var format: OutputFormat = .text

  @OptionGroup var content: ContentOptions

  func run() throws {
    let targets = paths.isEmpty ? content.defaultPaths() : paths
    guard !targets.isEmpty else {
      throw ValidationError("no content folders found; run from the project folder or pass paths (or --root DIR)")
    }
    let result = ContentLoader().load(paths: targets)
    switch format {
    case .text:
      if !result.diagnostics.isEmpty {
        Terminal.printError(result.renderDiagnostics(colored: Terminal.wantsColour(fileDescriptor: 2)))
      }
      print(CheckSummary(result).line)
    case .json:
      print(CheckSummary(result).json())
    }
    if result.hasUnreadableInput { throw ExitCodes.usage }
    if result.errorCount > 0 { throw ExitCodes.foundWanting }
  }
}

/// The one-line result of a check, and its JSON form.
struct CheckSummary: Encodable {
  var files: Int
  var errors: Int
  var warnings: Int
  var diagnostics: [DiagnosticJSON]

  init(_ result: LoadResult) {
    files = result.files.count
    errors = result.errorCount
    warnings = result.warningCount
    diagnostics = result.diagnostics.map(DiagnosticJSON.init)
  }

  var line: String {
    let status = errors == 0 ? "ok" : "failed"
    return "check \(status): \(files) \(files == 1 ? "file" : "files"), \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
  }

  func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }
}
