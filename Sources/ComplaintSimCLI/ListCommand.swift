import ArgumentParser
import Content
import DialogueRuntime
import Diagnostics
import Foundation

/// `complaint-sim list scenarios|modules|questions|rubrics|cues`: what the content holds.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List scenarios, modules, questions, rubrics or cues.")

  enum What: String, ExpressibleByArgument, CaseIterable {
    case scenarios, modules, questions, rubrics, cues
  }

  @Argument(help: "What to list: \(What.allCases.map(\.rawValue).joined(separator: ", ")).")
  var what: What

  @Option(name: .long, help: "Only scenarios of this archetype.")
  var archetype: Archetype?

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var content: ContentOptions

  func run() throws {
    let compiled = try content.compiled()
    let rows = ListRows.rows(what, in: compiled, archetype: archetype)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(rows), as: UTF8.self))
    } else {
      print(ListRows.table(rows, what: what))
    }
  }
}

extension Archetype: ExpressibleByArgument {}

/// One listed item; fields not relevant to a kind are left out of the JSON.
struct ListRow: Encodable {
  var id: String
  var title: String
  var archetype: String?
  var variants: [String]?
  var difficulty: String?
  var type: String?
  var module: String?
  var polarity: String?
}

enum ListRows {
  static func rows(_ what: ListCommand.What, in content: CompiledContent, archetype: Archetype?) -> [ListRow] {
    switch what {
    case .scenarios:
      return content.scenarios.filter { archetype == nil || $0.archetype == archetype }.map {
        ListRow(
          id: $0.id, title: $0.title, archetype: $0.archetype.rawValue, variants: $0.variants.map(\.rawValue),
          difficulty: $0.difficulty.rawValue)
      }
    case .modules:
      return content.modules.map { ListRow(id: $0.id, title: $0.title) }
    case .questions:
      return content.questionBanks.flatMap { bank in
        bank.questions.map {
          ListRow(id: $0.id, title: $0.prompt, difficulty: $0.difficulty.rawValue, type: $0.typeName, module: bank.module)
        }
      }
    case .rubrics:
      return content.rubrics.map { ListRow(id: $0.id, title: $0.title) }
    case .cues:
      return content.lexicon.cues.map { ListRow(id: $0.id, title: $0.title, polarity: $0.polarity.rawValue) }
    }
  }

  /// A plain table whose columns line up with Chinese text (two columns per character).
  static func table(_ rows: [ListRow], what: ListCommand.What) -> String {
    let header: [String]
    let cells: [[String]]
    switch what {
    case .scenarios:
      header = ["ID", "ARCHETYPE", "VARIANTS", "TITLE"]
      cells = rows.map { [$0.id, $0.archetype ?? "", ($0.variants ?? []).joined(separator: ","), $0.title] }
    case .questions:
      header = ["ID", "TYPE", "DIFFICULTY", "PROMPT"]
      cells = rows.map { [$0.id, $0.type ?? "", $0.difficulty ?? "", String($0.title.prefix(40))] }
    case .cues:
      header = ["ID", "POLARITY", "TITLE"]
      cells = rows.map { [$0.id, $0.polarity ?? "", $0.title] }
    case .modules, .rubrics:
      header = ["ID", "TITLE"]
      cells = rows.map { [$0.id, $0.title] }
    }
    let all = [header] + cells
    let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
    let lines = all.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - DisplayWidth.of(cell))
      }.joined(separator: "  ")
    }
    return (lines + ["\(rows.count) \(what.rawValue)"]).joined(separator: "\n")
  }
}
