import ArgumentParser
import Content
import Foundation

/// `complaint-sim schema KIND`: print the JSON Schema of a content kind for editors.
struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the JSON Schema (draft 2020-12) of a content file kind.",
    discussion: "Kinds: \(ContentKind.allCases.map(\.rawValue).joined(separator: ", ")). "
      + "With --output DIR, writes every kind to DIR/KIND.schema.json.")

  @Argument(help: "The kind of file.")
  var kind: ContentKind?

  @Option(name: .long, help: "Write all schemas into this folder instead of printing one.")
  var output: String?

  func validate() throws {
    if kind == nil, output == nil { throw ValidationError("give a KIND, or --output DIR for all kinds") }
  }

  func run() throws {
    if let output {
      try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
      for kind in ContentKind.allCases {
        let path = (output as NSString).appendingPathComponent("\(kind.rawValue).schema.json")
        try (JSONSchemaWriter.schema(for: kind) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      }
      return
    }
    if let kind { print(JSONSchemaWriter.schema(for: kind)) }
  }
}

extension ContentKind: ExpressibleByArgument {}
