import ArgumentParser
import TextAnalysis

/// `complaint-sim normalize`: prints each input line as the cue matcher sees it (Traditional
/// folded to Simplified, full width to half width, punctuation folded, spaces removed).
///
/// For lexicon authors checking why a pattern does or does not match, and for the red-line
/// model's training script, which must train on exactly the text the grader will score.
struct NormalizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "normalize",
    abstract: "Print each line of standard input as the matcher sees it (folded text).")

  func run() throws {
    let normalizer = TextNormalizer.shared
    while let line = readLine(strippingNewline: true) {
      print(normalizer.normalize(line).folded)
    }
  }
}
