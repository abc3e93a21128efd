import Diagnostics
import Foundation
import Yams

/// One decoded content file, of whichever kind.
enum DecodedFile: Sendable {
  case module(ModuleSource)
  case questionBank(QuestionBankSource)
  case exam(ExamSource)
  case cueLexicon(CueLexiconSource)
  case rubric(RubricSource)
  case persona(PersonaSource)
  case scenario(ScenarioSource)

  func add(to sources: inout SourceSet, path: String) {
    switch self {
    case .module(let source): sources.modules.append(Sourced(path: path, source: source))
    case .questionBank(let source): sources.questionBanks.append(Sourced(path: path, source: source))
    case .exam(let source): sources.exams.append(Sourced(path: path, source: source))
    case .cueLexicon(let source): sources.cueLexicons.append(Sourced(path: path, source: source))
    case .rubric(let source): sources.rubrics.append(Sourced(path: path, source: source))
    case .persona(let source): sources.personas.append(Sourced(path: path, source: source))
    case .scenario(let source): sources.scenarios.append(Sourced(path: path, source: source))
    }
  }
}

/// Everything learnt from one file on its own: its text, its problems, and its decoded source
/// (nil when it has errors), plus the ids it declares when it could not be decoded.
struct FileLoad: Sendable {
  var path: String
  var text: String?
  var diagnostics: [Diagnostic] = []
  var decoded: DecodedFile?
  var brokenKind: ContentKind?
  var brokenIDs: Set<String> = []

  /// Reads, identifies, shape-checks and decodes one file.
  static func load(_ path: String, limits: ReadLimits) -> FileLoad {
    let read = YAMLReader.read(path, limits: limits)
    var load = FileLoad(path: path, text: read.text, diagnostics: read.diagnostics)
    guard let parsed = read.file else { return load }
    load.identifyAndDecode(parsed)
    return load
  }

  private mutating func identifyAndDecode(_ file: ParsedFile) {
    guard case .mapping(let mapping) = file.root else {
      diagnostics.append(Diagnostic(
        .wrongType, at: file.root.location(in: path),
        message: "expected a mapping with 'kind' at the top of the file, found \(file.root.kindDescription)"))
      return
    }
    let kinds = ContentKind.allCases.map(\.rawValue)
    guard let kindNode = mapping["kind"] else {
      diagnostics.append(Diagnostic(
        .missingKind, at: file.root.location(in: path),
        message: "missing 'kind'; expected one of \(kinds.joined(separator: ", "))",
        hint: "add e.g. 'kind: scenario' as the first key"))
      return
    }
    guard let kindName = kindNode.string, let kind = ContentKind(rawValue: kindName) else {
      let name = kindNode.string ?? ""
      diagnostics.append(Diagnostic(
        .unknownKind, at: kindNode.location(in: path), message: "unknown kind '\(name)'",
        length: name.unicodeScalars.count,
        hint: Suggestion.hint(for: name, in: kinds) ?? "expected one of \(kinds.joined(separator: ", "))"))
      return
    }
    if let versionNode = mapping["schemaVersion"], let version = versionNode.plainInt,
      version != ContentKind.schemaVersion
    {
      diagnostics.append(Diagnostic(
        .unsupportedSchemaVersion, at: versionNode.location(in: path),
        message: "unsupported schemaVersion \(version); this build reads schemaVersion \(ContentKind.schemaVersion)",
        hint: "set 'schemaVersion: \(ContentKind.schemaVersion)'"))
      return
    }
    let problems = ShapeValidator.validate(file.root, against: .object(kind.shape), file: path)
    diagnostics += problems
    if problems.hasErrors {
      recordBrokenIDs(kind, mapping)
      return
    }
    do {
      decoded = try Self.decode(kind, file.root)
      diagnostics += ContentLoader.folderWarning(kind: kind, path: path)
    } catch {
      diagnostics.append(DecodingFailure.diagnostic(for: error, root: file.root, path: path))
    }
  }

  /// Keeps the ids a broken file declares, so references to them are not reported as unknown.
  private mutating func recordBrokenIDs(_ kind: ContentKind, _ mapping: Node.Mapping) {
    brokenKind = kind
    if let id = mapping["id"]?.string { brokenIDs.insert(id) }
    if kind == .cueLexicon, case .sequence(let cues)? = mapping["cues"] {
      // A lexicon with one bad cue must not make every other cue "unknown" elsewhere.
      for cue in cues { if let id = cue["id"]?.string { brokenIDs.insert(id) } }
    }
  }

  private static func decode(_ kind: ContentKind, _ node: Node) throws -> DecodedFile {
    let decoder = YAMLDecoder()
    switch kind {
    case .module: return .module(try decoder.decode(from: node))
    case .questionBank: return .questionBank(try decoder.decode(from: node))
    case .exam: return .exam(try decoder.decode(from: node))
    case .cueLexicon: return .cueLexicon(try decoder.decode(from: node))
    case .rubric: return .rubric(try decoder.decode(from: node))
    case .persona: return .persona(try decoder.decode(from: node))
    case .scenario: return .scenario(try decoder.decode(from: node))
    }
  }
}

/// `map` over all cores, keeping input order. Used for per-file work, which shares nothing.
enum ParallelMap {
  static func map<Input: Sendable, Output: Sendable>(
    _ inputs: [Input], _ transform: @Sendable (Input) -> Output
  ) -> [Output] {
    let slots = Slots<Output>(count: inputs.count)
    DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
      slots.set(index, transform(inputs[index]))
    }
    return slots.values()
  }

  /// Result slots written from several threads, each index exactly once, under a lock.
  private final class Slots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
      lock.lock()
      storage[index] = value
      lock.unlock()
    }

    func values() -> [Value] { storage.compactMap { $0 } }
  }
}
