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
    var texts: [String: String] = [:]
    var sources = SourceSet()
    for path in files {
      let read = YAMLReader.read(path, limits: limits)
      texts[path] = read.text
      diagnostics += read.diagnostics
      guard let parsed = read.file else { continue }
      diagnostics += decode(parsed, into: &sources)
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

  /// Identifies the file's kind, checks it against the kind's shape and decodes it.
  private func decode(_ file: ParsedFile, into sources: inout SourceSet) -> [Diagnostic] {
    let path = file.path
    guard case .mapping(let mapping) = file.root else {
      return [Diagnostic(
        .wrongType, at: file.root.location(in: path),
        message: "expected a mapping with 'kind' at the top of the file, found \(file.root.kindDescription)")]
    }
    let kinds = ContentKind.allCases.map(\.rawValue)
    guard let kindNode = mapping["kind"] else {
      return [Diagnostic(
        .missingKind, at: file.root.location(in: path),
        message: "missing 'kind'; expected one of \(kinds.joined(separator: ", "))",
        hint: "add e.g. 'kind: scenario' as the first key")]
    }
    guard let kindName = kindNode.string, let kind = ContentKind(rawValue: kindName) else {
      let name = kindNode.string ?? ""
      return [Diagnostic(
        .unknownKind, at: kindNode.location(in: path), message: "unknown kind '\(name)'",
        length: name.unicodeScalars.count,
        hint: Suggestion.hint(for: name, in: kinds) ?? "expected one of \(kinds.joined(separator: ", "))")]
    }
    if let versionNode = mapping["schemaVersion"], let version = versionNode.plainInt,
      version != ContentKind.schemaVersion
    {
      return [Diagnostic(
        .unsupportedSchemaVersion, at: versionNode.location(in: path),
        message: "unsupported schemaVersion \(version); this build reads schemaVersion \(ContentKind.schemaVersion)",
        hint: "set 'schemaVersion: \(ContentKind.schemaVersion)'")]
    }
    let problems = ShapeValidator.validate(file.root, against: .object(kind.shape), file: path)
    if problems.hasErrors {
      if let id = mapping["id"]?.string {
        sources.brokenIDs[kind, default: []].insert(id)
      }
      if kind == .cueLexicon, case .sequence(let cues)? = mapping["cues"] {
        // A lexicon with one bad cue must not make every other cue "unknown" elsewhere.
        for cue in cues { if let id = cue["id"]?.string { sources.brokenIDs[kind, default: []].insert(id) } }
      }
      return problems
    }
    do {
      switch kind {
      case .module: sources.modules.append(Sourced(path: path, source: try decode(file.root)))
      case .questionBank: sources.questionBanks.append(Sourced(path: path, source: try decode(file.root)))
      case .exam: sources.exams.append(Sourced(path: path, source: try decode(file.root)))
      case .cueLexicon: sources.cueLexicons.append(Sourced(path: path, source: try decode(file.root)))
      case .rubric: sources.rubrics.append(Sourced(path: path, source: try decode(file.root)))
      case .persona: sources.personas.append(Sourced(path: path, source: try decode(file.root)))
      case .scenario: sources.scenarios.append(Sourced(path: path, source: try decode(file.root)))
      }
    } catch {
      return problems + [DecodingFailure.diagnostic(for: error, root: file.root, path: path)]
    }
    return problems + folderWarning(kind: kind, path: path)
  }

  private func decode<T: Decodable>(_ node: Node) throws -> T {
    try YAMLDecoder().decode(T.self, from: node)
  }

  /// A gentle warning when a file of one kind sits in another kind's folder.
  private func folderWarning(kind: ContentKind, path: String) -> [Diagnostic] {
    let folders = ContentKind.allCases.map(\.folder)
    let components = path.split(separator: "/").map(String.init)
    let directory = components.dropLast().joined(separator: "/")
    // Only judge files that live in one of the known content folders.
    guard let matched = folders.filter({ directory.hasSuffix($0) }).max(by: { $0.count < $1.count }) else {
      return []
    }
    guard matched != kind.folder else { return [] }
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
