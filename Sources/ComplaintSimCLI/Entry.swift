import ArgumentParser
import Foundation

extension ComplaintSimCommand {
  /// Runs the command line, mapping argument-parser's usage status (64) to the contract's 2.
  public static func runFromCommandLine() -> Never {
    do {
      var command = try parseAsRoot()
      try command.run()
      Foundation.exit(0)
    } catch {
      if exitCode(for: error).rawValue == 64 {
        Terminal.printError(fullMessage(for: error))
        Foundation.exit(ExitCodes.usage.rawValue)
      }
      exit(withError: error)
    }
  }
}
