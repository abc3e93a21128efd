import ArgumentParser
import Content
import DialogueRuntime
import Foundation
import Scoring
import Simulator

#if canImport(Glibc)
  import Glibc
#endif

/// `complaint-sim-bench engine`: conversation turns per second on one core, including the
/// analysis of each reply and the scoring of each finished conversation; and the memory one
/// live conversation takes.
struct EngineBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "engine", abstract: "Customer-model turns per second and memory per live conversation.")

  @Option(name: .long, help: "Conversations to play.")
  var conversations = 20_000

  @Option(name: .long, help: "Live conversations held at once for the memory figure.")
  var live = 10_000

  @Option(name: .long, help: "Folder holding the shipped content.")
  var root = "."

  @Option(
    name: .long,
    help: "Passes over the same conversations; the fastest counts (a shared machine's hiccups only slow a pass down), the median is shown beside it.")
  var passes = 3

  func run() throws {
    let loaded = ContentLoader().load(paths: ContentLoader.defaultFolders.map { (root as NSString).appendingPathComponent($0) })
    guard let content = loaded.content else { throw ValidationError("shipped content has errors; run complaint-sim check") }
    let service = GradingService(content: content)
    let replies = ReplyCorpus.generate(count: 5_000, seed: 11, content: content)
    let programs = content.scenarios

    /// One pass: every conversation played to its end as a drill plays it (each reply analysed
    /// once and fed to the customer model), then scored. The same seeds every pass, so every
    /// pass does the same work.
    func play() -> (turns: Int, meanScore: Double) {
      var turns = 0
      var scored = 0.0
      var reply = 0
      for index in 0..<conversations {
        let program = programs[index % programs.count]
        guard var conversation = service.conversation(program.id, seed: UInt64(index)) else { continue }
        _ = conversation.start()
        var analyzed: [AnalyzedTurn] = []
        analyzed.reserveCapacity(8)
        while !conversation.state.isEnded {
          let analysis = service.analyze(replies[reply % replies.count], in: conversation)
          reply += 1
          _ = conversation.reply(analysis)
          analyzed.append(AnalyzedTurn(speaker: .trainee, at: nil, analysis: analysis))
          turns += 1
        }
        scored +=
          service.scorecard(id: "c\(index)", scenarioID: program.id, turns: analyzed, conversation: conversation)?.score ?? 0
      }
      return (turns, scored / Double(max(1, conversations)))
    }

    var seconds: [Double] = []
    var played = (turns: 0, meanScore: 0.0)
    for _ in 0..<max(1, passes) {
      let start = DispatchTime.now().uptimeNanoseconds
      played = play()
      seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    seconds.sort()
    let (fastest, median) = (seconds[0], seconds[seconds.count / 2])
    print(String(
      format:
        "engine: %d conversations, %d turns per pass; fastest of %d passes %.2f s: %.0f turns/s (median %.0f turns/s; each reply analysed once, fed to the customer model; each conversation scored), mean score %.1f",
      conversations, played.turns, seconds.count, fastest, Double(played.turns) / fastest, Double(played.turns) / median,
      played.meanScore))

    // Memory: hold many conversations mid-way and measure the resident-set growth.
    let before = ResidentMemory.kilobytes()
    var held: [Conversation] = []
    held.reserveCapacity(live)
    for index in 0..<live {
      let program = programs[index % programs.count]
      guard var conversation = service.conversation(program.id, seed: UInt64(index)) else { continue }
      _ = conversation.start()
      for step in 0..<3 where !conversation.state.isEnded {
        _ = conversation.reply(service.analyze(replies[(index + step) % replies.count], in: conversation))
      }
      held.append(conversation)
    }
    let after = ResidentMemory.kilobytes()
    let saved = try JSONEncoder().encode(held[held.count / 2].state).count
    print(String(
      format: "memory: %.2f KB per live conversation (%d held, RSS growth %.1f MB); saved state %d bytes as JSON",
      Double(after - before) / Double(live), live, Double(after - before) / 1024, saved))
    withExtendedLifetime(held) {}
  }
}

/// Current resident set size of this process, from /proc.
enum ResidentMemory {
  static func kilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
  }
}
