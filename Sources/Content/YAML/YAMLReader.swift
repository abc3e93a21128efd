import Diagnostics
import Foundation
import Yams

/// A content file read and parsed into a YAML node tree, with its text kept for snippets.
struct ParsedFile {
  var path: String
  var text: String
  var root: Node
}

/// Reads one content file defensively: bounded size, valid UTF-8, YAML syntax, nesting and
/// alias expansion — every failure becomes a diagnostic at the right line and column.
enum YAMLReader {
  /// Reads and parses `path`. Returns the parsed file (nil when it could not be parsed) and the
  /// problems found; the text is returned whenever it could be decoded, for snippets.
  static func read(_ path: String, limits: ReadLimits) -> (file: ParsedFile?, text: String?, diagnostics: [Diagnostic]) {
    let location = SourceLocation.file(path)
    var isDirectory: ObjCBool = false
    let fileManager = FileManager.default
    guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return (nil, nil, [Diagnostic(.unreadableFile, at: location, message: "cannot read '\(path)': no such file")])
    }
    if isDirectory.boolValue {
      return (nil, nil, [Diagnostic(.notAFile, at: location, message: "'\(path)' is a directory, expected a YAML file")])
    }
    let size = (try? fileManager.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    if size > limits.maxFileBytes {
      return (nil, nil, [Diagnostic(
        .fileTooLarge, at: location,
        message: "file is \(ByteCount(size)), over the \(ByteCount(limits.maxFileBytes)) limit for content files",
        hint: "split it into several files")])
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return (nil, nil, [Diagnostic(.unreadableFile, at: location, message: "cannot read '\(path)': permission denied")])
    }
    defer { try? handle.close() }
    let data: Data
    do {
      // Read one byte past the limit so a file that grew after the size check is still caught.
      data = try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
    } catch {
      return (nil, nil, [Diagnostic(.unreadableFile, at: location, message: "cannot read '\(path)': \(error.localizedDescription)")])
    }
    if data.count > limits.maxFileBytes {
      return (nil, nil, [Diagnostic(.fileTooLarge, at: location,
        message: "file is more than \(ByteCount(limits.maxFileBytes)), over the \(ByteCount(limits.maxFileBytes)) limit for content files")])
    }
    let text: String
    switch UTF8Check.decode(data) {
    case .success(let decoded): text = decoded
    case .failure(let invalid):
      return (nil, nil, [Diagnostic(
        .invalidUTF8, at: invalid.location(in: path, data: data),
        message: "file is not valid UTF-8 (invalid byte 0x\(String(format: "%02X", invalid.byte)) at offset \(invalid.offset))",
        hint: "save the file as UTF-8")])
    }
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      return (nil, text, [Diagnostic(.emptyFile, at: location, message: "file is empty; expected a mapping with 'kind'")])
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text, Resolver.basic)
    } catch let error as YamlError {
      return (nil, text, [diagnostic(for: error, path: path, text: text, limits: limits)])
    } catch {
      return (nil, text, [Diagnostic(.yamlSyntax, at: location, message: "YAML syntax error: \(error)")])
    }
    guard let root, !(root.null != nil && !root.isQuoted) else {
      return (nil, text, [Diagnostic(.emptyFile, at: location, message: "file is empty; expected a mapping with 'kind'")])
    }
    if !NodeBudget.fits(root, limit: limits.maxNodes) {
      return (nil, text, [Diagnostic(
        .aliasExpansionLimit, at: location,
        message: "YAML aliases expand to more than \(limits.maxNodes) nodes (an alias bomb?)",
        hint: "content files do not need aliases; write the values out")])
    }
    return (ParsedFile(path: path, text: text, root: FastTagResolver.retag(root)), text, [])
  }

  /// Maps a Yams error to a diagnostic at its mark.
  private static func diagnostic(for error: YamlError, path: String, text: String, limits: ReadLimits) -> Diagnostic {
    func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: path, line: mark.line, column: mark.column) }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      if problem.contains("Maximum nesting level") {
        return Diagnostic(
          .nestingTooDeep, at: at(mark),
          message: "YAML nesting deeper than the limit of \(ReadLimits.maxDepth) levels",
          hint: "content files need only a few levels; check for runaway brackets or indentation")
      }
      // libyaml's context often repeats the problem's own position; show it only when it differs.
      let contextText = context.flatMap { context in
        context.mark.line == mark.line && context.mark.column == mark.column
          ? nil : " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
      } ?? ""
      return Diagnostic(.yamlSyntax, at: at(mark), message: "YAML syntax error: \(problem)\(contextText)",
                        hint: YAMLHints.hint(for: problem, at: mark, in: text))
    case .reader(let problem, let offset, _, _):
      let location = offset.map { TextPosition.location(ofUTF8Offset: $0, in: text, file: path) } ?? .file(path)
      return Diagnostic(.yamlSyntax, at: location, message: "YAML syntax error: \(problem)",
                        hint: problem.contains("control") ? "the file contains binary data; content files are plain text" : nil)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? ""
      let location = TextPosition.secondOccurrence(ofKey: key, after: context.mark, in: text, file: path)
      return Diagnostic(.duplicateKey, at: location, message: "duplicate key '\(key)'",
                        length: key.unicodeScalars.count, hint: "a key may appear only once in a mapping; merge the two entries")
    default:
      return Diagnostic(.yamlSyntax, at: .file(path), message: "YAML syntax error: \(error)")
    }
  }
}

/// Human sizes for messages ("52.4 MB").
struct ByteCount: CustomStringConvertible {
  var bytes: Int
  init(_ bytes: Int) { self.bytes = bytes }
  var description: String {
    if bytes >= 1 << 20 {
      let mib = Double(bytes) / Double(1 << 20)
      return mib.rounded() == mib ? "\(Int(mib)) MiB" : String(format: "%.1f MiB", mib)
    }
    if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }
}

/// Counts nodes the way a consumer walking the tree would (aliases expanded), stopping early.
enum NodeBudget {
  static func fits(_ root: Node, limit: Int) -> Bool {
    var remaining = limit
    var stack: [Node] = [root]
    while let node = stack.popLast() {
      remaining -= 1
      if remaining < 0 { return false }
      switch node {
      case .sequence(let sequence): stack.append(contentsOf: sequence)
      case .mapping(let mapping):
        for (key, value) in mapping {
          stack.append(key)
          stack.append(value)
        }
      default: break
      }
    }
    return true
  }
}

/// Short advice for the libyaml problems trainers meet most.
enum YAMLHints {
  static func hint(for problem: String, at mark: Mark, in text: String) -> String? {
    let line = text.split(separator: "\n", omittingEmptySubsequences: false)
      .dropFirst(mark.line - 1).first.map { Array($0.unicodeScalars) } ?? []
    if problem.contains("tab") || (mark.column - 1 < line.count && line[mark.column - 1] == "\t") {
      return "indent with spaces, not tabs"
    }
    if problem.contains("cannot start any token"), mark.column - 1 < line.count, line[mark.column - 1] == "@" {
      return "YAML reserves '@' at the start of a value: quote a pattern that starts with a word class, e.g. \"@third-party…{6}@money-move\""
    }
    if line.count > 1, String(String.UnicodeScalarView(line)).contains("…{") || String(String.UnicodeScalarView(line)).contains("...{") {
      return "a cue pattern with '{N}' must be quoted, e.g. \"理解…{6}心情\""
    }
    if problem.contains("mapping values are not allowed") {
      return "a value containing ': ' must be quoted, or the indentation is off"
    }
    if problem.contains("did not find expected key") { return "check the indentation of this line" }
    if problem.contains("could not find expected ':'") { return "a key needs ':' after it" }
    return nil
  }
}
