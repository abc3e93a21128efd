import Diagnostics
import Foundation
import Yams

/// What loading content produced: the compiled content when there were no errors, and every
/// diagnostic found (warnings do not block loading).
public struct LoadResult: Sendable {
  public var content: CompiledContent?
  public var diagnostics: [Diagnostic]
  /// The files that were read, in order.
  public var files: [String]
  /// File texts by path, for rendering snippets.
  public var texts: [String: String]

  public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
  public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// Loads content folders and files: discovers YAML files, reads them defensively, checks each
/// against its kind's shape, decodes, validates across files, and compiles (STYLE G2, G4).
public struct ContentLoader: Sendable {
  public var limits: ReadLimits

  public init(limits: ReadLimits = .standard) {
    self.limits = limits
  }

  /// The folders `check` reads when given no paths.
  public static let defaultFolders = ["curriculum", "rubrics", "scenarios"]

  /// Loads every `.yaml`/`.yml` file under `paths` (files or folders).
  public func load(paths: [String]) -> LoadResult {
    var diagnostics: [Diagnostic] = []
    let files = discover(paths, diagnostics: &diagnostics)
    // Files are independent until cross-file validation: read, check and decode them on all
    // cores, then merge in file order so output never depends on scheduling.
    let perFile = ParallelMap.map(files) { path in FileLoad.load(path, limits: limits) }
    var texts: [String: String] = [:]
    var sources = SourceSet()
    for load in perFile {
      texts[load.path] = load.text
      diagnostics += load.diagnostics
      load.decoded?.add(to: &sources, path: load.path)
      if let kind = load.brokenKind { sources.brokenIDs[kind, default: []].formUnion(load.brokenIDs) }
    }
    let context = ValidationContext(sources: sources, texts: texts)
    diagnostics += context.validate()
    let blocking = diagnostics.hasErrors || files.isEmpty
    let content = blocking ? nil : ContentCompiler(context: context).compile()
    return LoadResult(
      content: content, diagnostics: diagnostics.sortedForDisplay(), files: files, texts: texts)
  }

  /// Expands folders into their YAML files (sorted, recursively), keeping the given order.
  private func discover(_ paths: [String], diagnostics: inout [Diagnostic]) -> [String] {
    var files: [String] = []
    let fileManager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        files.append(path)  // the reader reports missing or unreadable files
        continue
      }
      let found = (fileManager.enumerator(atPath: path)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
        .sorted()
        .map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
      if found.isEmpty {
        diagnostics.append(Diagnostic(
          .noContentFiles, at: .file(path), message: "no .yaml or .yml files found in '\(path)'"))
      }
      files += found
    }
    var seen: Set<String> = []
    return files.filter { seen.insert($0).inserted }
  }

  /// A gentle warning when a file of one kind sits in another kind's folder.
  static func folderWarning(kind: ContentKind, path: String) -> [Diagnostic] {
    let directory = Array(path.split(separator: "/").map(String.init).dropLast())
    func isIn(_ folder: String) -> Bool {
      let parts = folder.split(separator: "/").map(String.init)
      return directory.count >= parts.count && Array(directory.suffix(parts.count)) == parts
    }
    // Only judge files that live in one of the known content folders (the most specific one).
    let known = ContentKind.allCases.map(\.folder).filter(isIn)
    guard let matched = known.max(by: { $0.count < $1.count }), matched != kind.folder else { return [] }
    return [Diagnostic(
      .unexpectedFolder, at: .file(path), message: "a \(kind.rawValue) file is expected under \(kind.folder)/",
      hint: "move it, so trainers find it where they expect")]
  }
}

/// Turns a decoding error that slipped past shape validation into a located diagnostic by
/// walking its coding path through the node tree.
enum DecodingFailure {
  static func diagnostic(for error: any Error, root: Node, path: String) -> Diagnostic {
    var codingPath: [any CodingKey] = []
    var reason = String(describing: error)
    if let error = error as? DecodingError {
      switch error {
      case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
        codingPath = context.codingPath
        reason = context.debugDescription
      case .keyNotFound(let key, let context):
        codingPath = context.codingPath
        reason = "missing required key '\(key.stringValue)'"
      @unknown default: break
      }
    }
    var node = root
    for key in codingPath {
      if let index = key.intValue, case .sequence(let sequence) = node, index < sequence.count {
        node = sequence[index]
      } else if let child = node[key.stringValue] {
        node = child
      }
    }
    return Diagnostic(.wrongType, at: node.location(in: path), message: "cannot read this value: \(reason)")
  }
}
