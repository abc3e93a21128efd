#if canImport(Glibc)
  import Glibc
#endif
import Diagnostics
import Foundation

/// Reads a line from a terminal with editing that understands wide characters: ←/→, Home/End
/// (Ctrl-A/Ctrl-E), Backspace, Ctrl-U, ↑/↓ history, Ctrl-D on an empty line for end of input.
///
/// Written here because libedit/readline would add a system dependency and a C module map for
/// a few dozen lines of terminal handling; Chinese input needs the cursor to move two columns
/// per character, which `readLine()` cannot do at all.
final class LineEditor {
  private var history: [String] = []
  private let input: Int32 = 0
  private let output: Int32 = 1

  /// Whether standard input is a terminal (otherwise `readLine()` is used).
  var isInteractive: Bool { isatty(input) == 1 && isatty(output) == 1 }

  /// Reads one line; nil at end of input (Ctrl-D on an empty line, or end of a pipe).
  func read(prompt: String) -> String? {
    guard isInteractive else {
      print(prompt, terminator: "")
      Output.flush()
      return readLine()
    }
    var original = termios()
    tcgetattr(input, &original)
    var raw = original
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON)
    // TCSANOW, not TCSAFLUSH: flushing would throw away what the trainee typed ahead while the
    // customer's line or a hint was printing (or a Ctrl-D sent just then).
    tcsetattr(input, TCSANOW, &raw)
    defer { tcsetattr(input, TCSANOW, &original) }

    var text: [Character] = []
    var cursor = 0
    var historyIndex = history.count
    func redraw() {
      let line = String(text)
      let after = DisplayWidth.of(String(text[cursor...]))
      var out = "\r\u{1B}[K" + prompt + line
      if after > 0 { out += "\u{1B}[\(after)D" }
      write(out)
    }
    redraw()
    var decoder = UTF8Decoder()
    while true {
      guard let byte = readByte() else { return text.isEmpty ? nil : String(text) }
      switch byte {
      case 0x0D, 0x0A:
        write("\r\n")
        let line = String(text)
        if !line.isEmpty { history.append(line) }
        return line
      case 0x04:  // Ctrl-D
        if text.isEmpty { write("\r\n"); return nil }
      case 0x03:  // Ctrl-C
        write("\r\n")
        return nil
      case 0x7F, 0x08:
        if cursor > 0 { text.remove(at: cursor - 1); cursor -= 1 }
      case 0x01: cursor = 0
      case 0x05: cursor = text.count
      case 0x15: text.removeAll(); cursor = 0
      case 0x1B:
        guard readByte() == 0x5B, let code = readByte() else { break }
        switch code {
        case 0x44: cursor = max(0, cursor - 1)  // ←
        case 0x43: cursor = min(text.count, cursor + 1)  // →
        case 0x48: cursor = 0  // Home
        case 0x46: cursor = text.count  // End
        case 0x41, 0x42:  // ↑ ↓
          historyIndex = code == 0x41 ? max(0, historyIndex - 1) : min(history.count, historyIndex + 1)
          text = historyIndex < history.count ? Array(history[historyIndex]) : []
          cursor = text.count
        case 0x33: _ = readByte()  // Delete: ESC [ 3 ~
          if cursor < text.count { text.remove(at: cursor) }
        default: break
        }
      default:
        if let character = decoder.feed(byte) {
          text.insert(character, at: cursor)
          cursor += 1
        }
      }
      redraw()
    }
  }

  private func readByte() -> UInt8? {
    var byte: UInt8 = 0
    return Glibc.read(input, &byte, 1) == 1 ? byte : nil
  }

  private func write(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBufferPointer { Glibc.write(output, $0.baseAddress, $0.count) }
  }
}

/// Assembles UTF-8 bytes typed one at a time into characters.
struct UTF8Decoder {
  private var pending: [UInt8] = []

  mutating func feed(_ byte: UInt8) -> Character? {
    pending.append(byte)
    let expected = Self.length(of: pending[0])
    guard pending.count >= expected else { return nil }
    defer { pending.removeAll() }
    guard let string = String(bytes: pending, encoding: .utf8), let character = string.first else { return nil }
    return character
  }

  private static func length(of lead: UInt8) -> Int {
    switch lead {
    case 0xF0...: 4
    case 0xE0...: 3
    case 0xC0...: 2
    default: 1
    }
  }
}
