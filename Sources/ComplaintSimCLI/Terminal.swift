#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation

/// What the process is talking to: colour only for a terminal, and never when NO_COLOR is set.
enum Terminal {
  static func wantsColour(fileDescriptor: Int32) -> Bool {
    let environment = ProcessInfo.processInfo.environment
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(fileDescriptor) == 1
  }

  static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}

/// Standard output, flushed per result so `grade` streams to a pipe as it goes.
enum Output {
  static func flush() {
    // fflush(NULL) flushes every output stream without touching the global `stdout` variable,
    // which Swift 6 rejects as shared mutable state.
    fflush(nil)
  }
}
