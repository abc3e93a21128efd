import ArgumentParser
import DialogueRuntime
import Foundation
import Scoring
import Simulator

/// `complaint-sim play SCENARIO`: the terminal drill.
struct PlayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "play",
    abstract: "Practise a role-play in the terminal; the scorecard comes at the end.",
    discussion: """
      Type your replies in Chinese. Commands: /hint (practice), /restart-from N (practice),
      /help. Ctrl-D ends the drill and shows the scorecard.
      """)

  @Argument(help: "The scenario id (see 'complaint-sim list scenarios').")
  var scenario: String

  @Option(name: .long, help: "Seed for the customer's line variants (same seed and replies, same conversation).")
  var seed: UInt64 = 1

  @Option(name: .long, help: "practice (hints, restarts) or exam.")
  var mode: Mode = .practice

  @Option(name: .long, help: "Write the transcript (JSON Lines, one attempt per line) to this file.")
  var transcript: String?

  @Option(name: .long, help: "Read replies from this file, one per line, instead of the keyboard.")
  var script: String?

  @OptionGroup var content: ContentOptions

  enum Mode: String, ExpressibleByArgument, CaseIterable {
    case practice, exam
  }

  func run() throws {
    let service = try GradingSetup.service(content)
    var scripted: [String]?
    if let script {
      guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
        throw ValidationError("cannot read '\(script)'")
      }
      scripted = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
    // Scripted runs carry no wall-clock times, so their output and transcripts are reproducible.
    let interactive = scripted == nil
    let clock: @Sendable () -> Date? = { interactive ? Date() : nil }
    guard var session = DrillSession(
      service: service, scenarioID: scenario, seed: seed, mode: mode == .exam ? .exam : .practice,
      id: "\(scenario)-\(seed)", clock: clock)
    else {
      throw ValidationError(GradingError.unknownScenario(scenario, suggestion: nil).description)
    }
    let view = DrillView(colored: Terminal.wantsColour(fileDescriptor: 1), program: session.program)
    let editor = LineEditor()
    var replies = scripted?.makeIterator()

    print(view.briefing(mode: session.mode))
    view.show(session.start(), mood: session.mood)
    while !session.isEnded {
      let line: String?
      if scripted != nil {
        line = replies?.next()
        if let line { print(view.prompt(session.turn + 1) + line) }
      } else {
        line = editor.read(prompt: view.prompt(session.turn + 1))
      }
      guard let line else { break }
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.isEmpty { continue }
      if text.hasPrefix("/") {
        view.command(text, session: &session)
        continue
      }
      view.show(session.reply(text), mood: session.mood)
    }
    let card = session.scorecard()
    print(ScorecardRenderer(colored: view.colored).render(card))
    if let transcript {
      let encoder = Transcript.encoder()
      let lines = try session.allAttempts.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
      try (lines.joined(separator: "\n") + "\n").write(toFile: transcript, atomically: true, encoding: .utf8)
      print("对话记录已保存：\(transcript)")
    }
  }
}

/// How the drill looks in a terminal: briefing, speaker-named lines, the mood meter.
struct DrillView {
  var colored: Bool
  var program: ScenarioProgram

  private func paint(_ text: String, _ code: String) -> String {
    colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  func briefing(mode: DrillSession.Mode) -> String {
    var lines = [paint("【\(program.title)】", "1")]
    var profile = "客户：\(program.customer.name)"
    if let age = program.customer.age { profile += "，\(age)岁" }
    if let occupation = program.customer.occupation { profile += "，\(occupation)" }
    lines.append(profile + "（\(program.personality.chineseName)）")
    if let history = program.customer.history { lines.append("背景：\(history)") }
    if !program.speakers.isEmpty {
      lines.append("在场：" + program.speakers.map { $0.representative ? "\($0.name)（代表）" : $0.name }.joined(separator: "、"))
    }
    lines.append("")
    lines.append(program.briefing.trimmingCharacters(in: .whitespacesAndNewlines))
    lines.append("")
    lines.append(mode == .practice
      ? "练习模式：输入 /hint 查看课程要求，/restart-from N 从第N轮重来，Ctrl-D 结束并评分。"
      : "考试模式：Ctrl-D 结束并评分。")
    return lines.joined(separator: "\n") + "\n"
  }

  func prompt(_ turn: Int) -> String { paint("你（第\(turn)轮）：", "1;36") }

  func show(_ events: [ConversationEvent], mood: [String: Int]) {
    for event in events {
      switch event {
      case .customerSays(_, _, let name, let text):
        print(paint("\(name ?? program.customer.name)：", "1;33") + text)
      case .ended(let ending, let outcome):
        print(paint("—— 对话结束：\(ending)（\(outcome.rawValue)）——", "1"))
      case .contradiction:
        print(paint("（客户注意到你前后说法不一致）", "2"))
      case .factRevealed(let id):
        if let fact = program.facts.first(where: { $0.id == id }), fact.says == nil {
          print(paint("〔新了解到〕\(fact.text)", "2"))
        }
      default: break
      }
    }
    print(meter(mood))
  }

  /// "怒气 ███████░░░ 70  信任 ██░░░░░░░░ 20".
  func meter(_ mood: [String: Int]) -> String {
    let names = ["anger": "怒气", "trust": "信任", "patience": "耐心"]
    return program.mood.filter { names[$0.name] != nil }.map { variable in
      let value = mood[variable.name] ?? 0
      let span = max(1, variable.max - variable.min)
      let filled = max(0, min(10, Int((Double(value - variable.min) / Double(span) * 10).rounded())))
      let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
      let colour = variable.name == "anger" ? (value >= 70 ? "31" : "33") : "32"
      return "\(names[variable.name] ?? variable.name) \(paint(bar, colour)) \(value)"
    }.joined(separator: "  ")
  }

  func command(_ text: String, session: inout DrillSession) {
    let parts = text.split(separator: " ").map(String.init)
    do {
      switch parts[0] {
      case "/hint":
        let hints = try session.hints()
        if hints.isEmpty { print("目前课程要求的要点你都做到了，继续保持。") }
        for hint in hints {
          print(paint("· \(hint.title)：", "1") + hint.expectation)
          if let model = hint.model { print("  参考说法：\(model)") }
        }
      case "/restart-from":
        guard parts.count == 2, let turn = Int(parts[1]) else {
          print("用法：/restart-from N（N 是要重来的那一轮）")
          return
        }
        try session.restart(from: turn)
        print(paint("已回到第\(turn)轮之前（之前的尝试已保留）。", "2"))
        if let last = session.transcript.turns.last(where: { $0.speaker == .customer }) {
          print(paint("客户：", "1;33") + last.text)
        }
        print(meter(session.mood))
      case "/help":
        print("/hint 查看课程要求（练习模式）  /restart-from N 从第N轮重来（练习模式）  Ctrl-D 结束并评分")
      default:
        print("未知命令 \(parts[0])；输入 /help 查看可用命令。")
      }
    } catch {
      print(error)
    }
  }
}
