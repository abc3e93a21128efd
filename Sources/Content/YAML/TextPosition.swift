import Diagnostics
import Foundation
import Yams

/// Converting between byte offsets, keys and line/column positions in a file's text.
enum TextPosition {
  /// The line and column (in Unicode scalars) of a UTF-8 byte offset.
  static func location(ofUTF8Offset offset: Int, in text: String, file: String) -> SourceLocation {
    var line = 1
    var column = 1
    var consumed = 0
    for scalar in text.unicodeScalars {
      if consumed >= offset { break }
      consumed += UTF8.width(scalar)
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return SourceLocation(file: file, line: line, column: column)
  }

  /// Where a duplicated key appears the second time: Yams reports the first occurrence, but the
  /// one to delete is usually the later. Falls back to the first occurrence.
  static func secondOccurrence(ofKey key: String, after mark: Mark, in text: String, file: String) -> SourceLocation {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let column = mark.column
    // Flow style ({name: a, name: b}): a later occurrence on the same line, after '{' or ','.
    if mark.line - 1 < lines.count {
      let scalars = Array(lines[mark.line - 1].unicodeScalars)
      let keyScalars = Array((key + ":").unicodeScalars)
      var index = column
      while index + keyScalars.count <= scalars.count {
        if Array(scalars[index..<(index + keyScalars.count)]) == keyScalars,
          let previous = scalars[..<index].last(where: { $0 != " " }), previous == "," || previous == "{"
        {
          return SourceLocation(file: file, line: mark.line, column: index + 1)
        }
        index += 1
      }
    }
    if mark.line < lines.count {
      for index in mark.line..<lines.count {
        let scalars = Array(lines[index].unicodeScalars)
        guard scalars.count >= column - 1 + key.unicodeScalars.count else { continue }
        let rest = String(String.UnicodeScalarView(scalars[(column - 1)...]))
        let before = scalars[..<(column - 1)]
        let indentOK = before.allSatisfy { $0 == " " || $0 == "-" }
        if indentOK, rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
          return SourceLocation(file: file, line: index + 1, column: column)
        }
      }
    }
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }
}

/// Strict UTF-8 decoding that reports where the first invalid byte is.
enum UTF8Check {
  struct Invalid: Error {
    var offset: Int
    var byte: UInt8

    func location(in path: String, data: Data) -> SourceLocation {
      let prefix = String(decoding: data.prefix(offset), as: UTF8.self)
      return TextPosition.location(ofUTF8Offset: offset, in: prefix + " ", file: path)
    }
  }

  static func decode(_ data: Data) -> Result<String, Invalid> {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .emptyInput:
        return .success(String(decoding: bytes, as: UTF8.self))
      case .error(let length):
        let start = offset + (data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        _ = length
        return .failure(Invalid(offset: start, byte: data[data.startIndex + start]))
      }
    }
  }
}
