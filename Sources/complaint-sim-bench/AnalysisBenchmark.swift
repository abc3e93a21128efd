import ArgumentParser
import Content
import DialogueRuntime
import Foundation
import MallocCounter
import Scoring
import Simulator
@_spi(Benchmark) import TextAnalysis

/// `complaint-sim-bench analysis`: cue matching and grading over a generated corpus of replies,
/// single core, with GNU grep's fixed-string search over the same text as the reference ceiling.
struct AnalysisBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analysis",
    abstract: "Match and grade a generated corpus of replies; compare with grep -F.")

  @Option(name: .long, help: "Replies in the generated corpus.")
  var replies = 100_000

  @Option(name: .long, help: "Seed of the corpus generator.")
  var seed: UInt64 = 7

  @Option(name: .long, help: "Folder holding the shipped content.")
  var root = "."

  @Flag(name: .long, help: "Measure matching only (no grading, no grep), e.g. under a profiler.")
  var matchingOnly = false

  @Option(name: .long, help: "Passes over the corpus for each throughput figure; the fastest counts (a shared machine's hiccups only slow a pass down).")
  var passes = 3

  /// The fastest of `passes` runs of `body`, in seconds.
  func fastest(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<max(1, passes) {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
  }

  func run() throws {
    var clock = Stopwatch()
    let normalizer = TextNormalizer()
    let normalizerMs = clock.lap() * 1000
    let loaded = ContentLoader().load(paths: ContentLoader.defaultFolders.map { (root as NSString).appendingPathComponent($0) })
    guard let content = loaded.content else { throw ValidationError("shipped content has errors; run complaint-sim check") }
    let loadMs = clock.lap() * 1000
    let model = RedLineModel.shipped
    let modelLoaded = model != nil
    let modelMs = clock.lap() * 1000
    let service = GradingService(content: content, normalizer: normalizer, redLineModel: model)
    let compileMs = clock.lap() * 1000

    let corpus = ReplyCorpus.generate(count: replies, seed: seed, content: content)
    let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
    print("corpus: \(corpus.count) replies, \(String(format: "%.1f", Double(bytes) / 1e6)) MB UTF-8, mean \(bytes / max(1, corpus.count)) bytes")
    print(String(
      format: "startup: Traditional→Simplified table %.1f ms, content load %.1f ms, lexicon + rubric compile %.1f ms, red-line model %@",
      normalizerMs, loadMs, compileMs, modelLoaded ? String(format: "%.1f ms", modelMs) : "missing"))

    // 0. The steps of matching on their own, to see where the time goes.
    let matcher = service.matcher
    var allocations = malloc_counter_value()
    var normalizedCount = 0
    let normalizeSeconds = fastest {
      normalizedCount = 0
      for reply in corpus { normalizedCount += normalizer.normalize(reply).scalars.count }
    }
    func allocationsPerReply() -> Double {
      let now = malloc_counter_value()
      defer { allocations = now }
      return Double(now - allocations) / Double(corpus.count * max(1, passes))
    }
    var steps = [String(format: "normalise %.0f ns (%.1f allocations)", normalizeSeconds * 1e9 / Double(corpus.count), allocationsPerReply())]
    let folded = corpus.map { normalizer.normalize($0) }
    for step in CueMatcher.Step.allCases {
      var count = 0
      _ = allocationsPerReply()
      let seconds = fastest { for text in folded { count += matcher.run(step, on: text) } }
      steps.append(String(format: "%@ %.0f ns (%.1f)", step.rawValue, seconds * 1e9 / Double(corpus.count), allocationsPerReply()))
      if count < 0 { print(count) }
    }
    if let model = RedLineModel.shipped {
      var sum = 0.0
      _ = allocationsPerReply()
      let seconds = fastest { for text in folded { sum += model.probability(text) } }
      steps.append(String(format: "red-line model %.0f ns (%.1f)", seconds * 1e9 / Double(corpus.count), allocationsPerReply()))
      if sum < 0 { print(sum) }
    }
    print("steps per reply (fastest of \(passes) passes): " + steps.joined(separator: ", ") + " (\(normalizedCount) scalars)")

    // 1. Literal matching: what grep -F does (every lexicon term found in one pass), on text
    // normalised first because the lexicon is matched on normalised text.
    var occurrences = 0
    let literalSeconds = fastest {
      for reply in corpus { occurrences += matcher.run(.scan, on: normalizer.normalize(reply)) }
    }
    if occurrences < 0 { print(occurrences) }
    print(String(
      format: "literal matching (normalise + one automaton pass over every lexicon term; fastest of %d passes): %.1f MB/s", passes,
      Double(bytes) / 1e6 / literalSeconds))

    // 2. The whole analysis: literal pass, patterns, exceptions, negators, quantities, fuzzy layer.
    var hitCount = 0
    let allocationsBefore = malloc_counter_value()
    let matchSeconds = fastest {
      hitCount = 0
      for reply in corpus { hitCount += matcher.analyze(reply).hits.count }
    }
    let matchAllocations = Double(malloc_counter_value() - allocationsBefore) / Double(corpus.count * max(1, passes))
    print(String(
      format: "full analysis (fastest of %d passes): %.1f MB/s, %.0f replies/s, %.1f allocations/reply (%d hits)", passes,
      Double(bytes) / 1e6 / matchSeconds, Double(corpus.count) / matchSeconds, matchAllocations, hitCount))
    if matchingOnly { return }

    // 3. Grading each reply as a one-turn transcript (analysis + scoring).
    let scenario = content.scenarios.first?.id ?? ""
    func oneTurn(_ index: Int, _ reply: String) -> Transcript {
      Transcript(
        id: "r\(index)", scenario: scenario, turns: [.init(speaker: .customer, text: "我要投诉"), .init(speaker: .trainee, text: reply)])
    }
    var latencies: [Double] = []
    latencies.reserveCapacity(corpus.count)
    let gradeAllocationsBefore = malloc_counter_value()
    var total = 0.0
    let gradeStart = DispatchTime.now().uptimeNanoseconds
    for (index, reply) in corpus.enumerated() {
      let transcript = oneTurn(index, reply)
      let start = DispatchTime.now().uptimeNanoseconds
      total += (try? service.grade(transcript).score) ?? 0
      latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
    }
    let gradeSeconds = Double(DispatchTime.now().uptimeNanoseconds - gradeStart) / 1e9
    let gradeAllocations = Double(malloc_counter_value() - gradeAllocationsBefore) / Double(corpus.count)
    func percentile(_ p: Double, of sorted: [Double]) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    latencies.sort()
    print(String(
      format: "grading: %.0f replies/s, p50 %.1f µs, p99 %.1f µs, max %.1f µs per reply, %.1f allocations/reply (mean score %.1f)",
      Double(corpus.count) / gradeSeconds, percentile(0.5, of: latencies), percentile(0.99, of: latencies),
      latencies.last ?? 0, gradeAllocations, total / Double(max(1, corpus.count))))

    // The same latencies with the machine's hiccups filtered out: each reply graded `passes`
    // times, its fastest counted. What remains of the tail is the work long replies need.
    var fastest: [Double] = []
    let sample = corpus.prefix(min(corpus.count, 20_000))
    fastest.reserveCapacity(sample.count)
    for (index, reply) in sample.enumerated() {
      let transcript = oneTurn(index, reply)
      var best = Double.infinity
      for _ in 0..<max(1, passes) {
        let start = DispatchTime.now().uptimeNanoseconds
        total += (try? service.grade(transcript).score) ?? 0
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
      }
      fastest.append(best)
    }
    fastest.sort()
    print(String(
      format: "grading, fastest of %d per reply (%d replies): p50 %.1f µs, p99 %.1f µs", passes, fastest.count,
      percentile(0.5, of: fastest), percentile(0.99, of: fastest)))

    try compareWithGrep(
      corpus: corpus, lexicon: content.lexicon, bytes: bytes, literalSeconds: literalSeconds, analysisSeconds: matchSeconds)
  }

  /// GNU grep -F -c -f PATTERNS over the same text: the reference ceiling for literal matching.
  private func compareWithGrep(
    corpus: [String], lexicon: CueLexicon, bytes: Int, literalSeconds: Double, analysisSeconds: Double
  ) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("complaint-sim-grep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = directory.appendingPathComponent("replies.txt")
    let patterns = directory.appendingPathComponent("patterns.txt")
    try (corpus.joined(separator: "\n") + "\n").write(to: text, atomically: true, encoding: .utf8)
    // The automaton's terms: pattern and exception terms (word classes expanded) and negators.
    let phrases = lexicon.cues.flatMap { cue in
      cue.patterns.flatMap(\.terms) + cue.exceptions.flatMap { (try? CuePattern.parse($0))?.terms ?? [] } + cue.negators
    }
    let literals = Set(phrases.flatMap { lexicon.words(for: $0) }).sorted()
    try (literals.joined(separator: "\n") + "\n").write(to: patterns, atomically: true, encoding: .utf8)
    /// The fastest of `passes` runs, as for the automaton.
    func timeGrep(_ arguments: [String]) throws -> (seconds: Double, output: String) {
      var best = (seconds: Double.infinity, output: "")
      for _ in 0..<max(1, passes) {
        let run = try timeGrepOnce(arguments)
        if run.seconds < best.seconds { best = run }
      }
      return best
    }
    func timeGrepOnce(_ arguments: [String]) throws -> (seconds: Double, output: String) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["grep"] + arguments + ["-f", patterns.path, text.path]
      process.environment = ["LC_ALL": "C", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
      let pipe = Pipe()
      process.standardOutput = pipe
      let start = DispatchTime.now().uptimeNanoseconds
      try process.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      return (seconds, String(decoding: data, as: UTF8.self))
    }
    let counting = try timeGrep(["-F", "-c"])
    print(String(
      format: "grep -F -c -f (the same %d literal terms, LC_ALL=C): %.1f MB/s (%@ matching lines); literal matching takes %.1f× grep's time, the full analysis %.1f×",
      literals.count, Double(bytes) / 1e6 / counting.seconds,
      counting.output.trimmingCharacters(in: .whitespacesAndNewlines), literalSeconds / counting.seconds,
      analysisSeconds / counting.seconds))
    // grep -c stops at a line's first match; -o must find every match, as the automaton does.
    let every = try timeGrep(["-F", "-o"])
    print(String(
      format: "grep -F -o -f (every match, like the automaton): %.1f MB/s (%d matches); literal matching takes %.1f× its time, the full analysis %.1f×",
      Double(bytes) / 1e6 / every.seconds, every.output.split(separator: "\n").count, literalSeconds / every.seconds,
      analysisSeconds / every.seconds))
  }
}

/// Elapsed time between laps.
struct Stopwatch {
  private var last = DispatchTime.now().uptimeNanoseconds

  @discardableResult
  mutating func lap() -> Double {
    let now = DispatchTime.now().uptimeNanoseconds
    defer { last = now }
    return Double(now - last) / 1e9
  }
}

/// A deterministic corpus of plausible replies: clauses drawn from the shipped content (cue
/// examples, model phrasings, customer lines), a fifth of them in Traditional script.
enum ReplyCorpus {
  static func generate(count: Int, seed: UInt64, content: CompiledContent) -> [String] {
    var clauses = content.lexicon.cues.flatMap { $0.matchExamples + $0.noMatchExamples }
    clauses += content.rubrics.flatMap { $0.dimensions.flatMap { $0.criteria.compactMap(\.model) } }
    clauses += content.scenarios.flatMap { $0.states.flatMap { $0.lines.map(\.text) } }
    clauses = clauses.filter { !$0.isEmpty }
    let traditional = clauses.map { $0.applyingTransform(StringTransform("Hans-Hant"), reverse: false) ?? $0 }
    var generator = SplitMix64(seed: seed)
    var replies: [String] = []
    replies.reserveCapacity(count)
    for _ in 0..<count {
      let parts = Int.random(in: 2...4, using: &generator)
      let useTraditional = Int.random(in: 0..<5, using: &generator) == 0
      var reply = ""
      for part in 0..<parts {
        let index = Int.random(in: 0..<clauses.count, using: &generator)
        reply += (useTraditional ? traditional : clauses)[index]
        if part < parts - 1 { reply += ["，", "。", "；"][Int.random(in: 0..<3, using: &generator)] }
      }
      replies.append(reply + "。")
    }
    return replies
  }
}
