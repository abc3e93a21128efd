import ArgumentParser
import Content
import Diagnostics
import Foundation

/// Where content is read from, shared by the commands that load it.
struct ContentOptions: ParsableArguments {
  @Option(name: .long, help: "Folder holding curriculum/, rubrics/ and scenarios/ (default: current folder).")
  var root: String = "."

  /// Loads and compiles the content; on errors prints them and exits 1 ("found wanting").
  func compiled() throws -> CompiledContent {
    let paths = defaultPaths()
    guard !paths.isEmpty else { throw ValidationError("no content folders found; use --root DIR") }
    let result = ContentLoader().load(paths: paths)
    guard let compiled = result.content else {
      Terminal.printError(result.renderDiagnostics(colored: Terminal.wantsColour(fileDescriptor: 2)))
      Terminal.printError("content has errors; run 'complaint-sim check' for details")
      throw ExitCodes.foundWanting
    }
    return compiled
  }

  /// The default content folders under `root` that exist.
  func defaultPaths() -> [String] {
    ContentLoader.defaultFolders.map { root == "." ? $0 : (root as NSString).appendingPathComponent($0) }
      .filter { FileManager.default.fileExists(atPath: $0) }
  }
}

/// Output format for diagnostics.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}

extension LoadResult {
  /// Renders diagnostics for a terminal or a log.
  func renderDiagnostics(colored: Bool) -> String {
    let texts = self.texts
    return DiagnosticRenderer(colored: colored, source: { texts[$0] }).render(diagnostics)
  }

  /// True when a path could not be read at all: that is a usage problem (exit 2).
  var hasUnreadableInput: Bool {
    diagnostics.contains { $0.code == .unreadableFile || $0.code == .noContentFiles }
  }
}
