import ArgumentParser
import Content
import Foundation
import Scoring
import Simulator

/// `complaint-sim grade [--scenario ID] FILE|-`: JSON Lines transcripts in, scorecards out.
struct GradeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grade",
    abstract: "Grade transcripts (JSON Lines) against the course rubrics.",
    discussion: """
      Reads one transcript per line ({"id", "scenario", "turns": [{"speaker", "text", "at"}]}) and
      writes one result per line, in input order, as it goes. A malformed line gets an error
      naming its line number (on stderr, and as {"line": N, "error": …} in the output) and the
      other lines are still graded; the exit code is then 2.
      """)

  @Argument(help: "A JSON Lines file, or - for standard input.")
  var input: String

  @Option(name: .long, help: "Grade every transcript in this scenario (overrides their \"scenario\").")
  var scenario: String?

  @Flag(name: .long, help: "Print a human-readable scorecard instead of JSON.")
  var explain = false

  @OptionGroup var content: ContentOptions

  func run() throws {
    let service = try GradingSetup.service(content)
    if let scenario, !service.scenarioIDs.contains(scenario) {
      throw ValidationError(GradingError.unknownScenario(scenario, suggestion: nil).description)
    }
    let reader = try LineReader(path: input)
    let encoder = Scorecard.encoder()
    let renderer = ScorecardRenderer(colored: explain && Terminal.wantsColour(fileDescriptor: 1))
    var malformed = 0
    var lineNumber = 0
    while let line = reader.next() {
      lineNumber += 1
      if line.allSatisfy(\.isWhitespace) { continue }
      do {
        let transcript = try GradingSetup.decodeTranscript(line)
        let card = try service.grade(transcript, scenario: scenario)
        if explain {
          print(renderer.render(card))
        } else {
          print(String(decoding: try encoder.encode(card), as: UTF8.self))
        }
      } catch {
        malformed += 1
        let message = "line \(lineNumber): \(GradingSetup.describe(error))"
        Terminal.printError("\(input):\(message)")
        if !explain {
          // Keep output lines aligned with input lines: a failed line gets an error object.
          let failure = LineFailure(line: lineNumber, error: GradingSetup.describe(error))
          print(String(decoding: try encoder.encode(failure), as: UTF8.self))
        }
      }
      Output.flush()
    }
    if malformed > 0 { throw ExitCodes.usage }
  }
}

/// The output line for an input line that could not be graded.
struct LineFailure: Encodable {
  var line: Int
  var error: String
}

/// Loading content for grading, and reading transcripts.
enum GradingSetup {
  /// The grading service over the content; with the shipped red-line model unless told not to.
  static func service(_ options: ContentOptions, redLineModel: Bool = true) throws -> GradingService {
    let content = try options.compiled()
    if redLineModel, RedLineModel.shipped == nil {
      FileHandle.standardError.write(Data(
        "warning: the red-line model resource could not be read; red lines are decided by the lexicon alone\n".utf8))
    }
    return GradingService(content: content, redLineModel: redLineModel ? .shipped : nil)
  }

  static func decodeTranscript(_ line: String) throws -> Transcript {
    try Transcript.decoder().decode(Transcript.self, from: Data(line.utf8))
  }

  /// A one-line reason for a failed line.
  static func describe(_ error: any Error) -> String {
    if let error = error as? GradingError { return error.description }
    if let error = error as? DecodingError {
      switch error {
      case .keyNotFound(let key, let context):
        return "missing \"\(key.stringValue)\"\(path(context.codingPath))"
      case .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "\(context.debugDescription)\(path(context.codingPath))"
      case .dataCorrupted(let context):
        if context.codingPath.isEmpty { return "not valid JSON" }
        return "\(context.debugDescription)\(path(context.codingPath))"
      @unknown default: break
      }
    }
    return "\(error)"
  }

  private static func path(_ codingPath: [any CodingKey]) -> String {
    guard !codingPath.isEmpty else { return "" }
    return " at " + codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
  }
}

/// Reads a file or standard input line by line, without loading it whole.
final class LineReader {
  private let handle: FileHandle
  private var buffer = Data()
  private var atEnd = false

  init(path: String) throws {
    if path == "-" {
      handle = .standardInput
    } else {
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw ValidationError("cannot read '\(path)'")
      }
      self.handle = handle
    }
  }

  func next() -> String? {
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = buffer[buffer.startIndex..<newline]
        buffer.removeSubrange(buffer.startIndex...newline)
        return String(decoding: line, as: UTF8.self)
      }
      if atEnd {
        guard !buffer.isEmpty else { return nil }
        defer { buffer.removeAll() }
        return String(decoding: buffer, as: UTF8.self)
      }
      let chunk = handle.availableData
      if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
    }
  }
}

extension Scorecard {
  /// Compact JSON with sorted keys: byte-identical for identical results.
  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }
}
