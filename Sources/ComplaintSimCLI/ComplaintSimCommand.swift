import ArgumentParser

/// The `complaint-sim` command: a thin adapter over the library modules (STYLE G12).
public struct ComplaintSimCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "complaint-sim",
    abstract: "Complaint-handling training and assessment simulator.",
    discussion: """
      Content lives in YAML files under curriculum/, rubrics/ and scenarios/.
      Exit codes: 0 success; 1 the input was judged and found wanting; 2 usage error or unreadable input.
      """,
    subcommands: [CheckCommand.self, ListCommand.self, SchemaCommand.self, GradeCommand.self, EvalCommand.self, TestCommand.self, FuzzCommand.self, PlayCommand.self, NormalizeCommand.self])

  public init() {}
}

/// Exit codes of the interface contract (PRODUCT.md).
enum ExitCodes {
  /// The input was judged and found wanting (content errors, failing tests, a failed exam).
  static let foundWanting = ExitCode(1)
  /// Usage error or unreadable input.
  static let usage = ExitCode(2)
}
