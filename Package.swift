// swift-tools-version: 6.1
import PackageDescription

/// The module graph is one-way (see docs/architecture.md):
/// Diagnostics and TextAnalysis are leaves; DialogueRuntime and Scoring hold the compiled
/// runtime types; Content is the compiler from YAML to those types; the CLI is a thin adapter.
let package = Package(
  name: "ComplaintSim",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "complaint-sim", targets: ["complaint-sim"]),
    .executable(name: "complaint-sim-bench", targets: ["complaint-sim-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    .target(name: "Diagnostics"),
    .target(name: "TextAnalysis"),
    .target(name: "DialogueRuntime", dependencies: ["TextAnalysis", "Diagnostics"]),
    .target(
      name: "Scoring", dependencies: ["TextAnalysis", "Diagnostics"],
      resources: [.copy("Resources/red-line-model.tsv")]),
    .target(
      name: "Content",
      dependencies: ["DialogueRuntime", "Scoring", "TextAnalysis", "Diagnostics", "Yams"]
    ),
    .target(
      name: "Simulator",
      dependencies: ["Content", "DialogueRuntime", "Scoring", "TextAnalysis", "Diagnostics"]
    ),
    .target(
      name: "ComplaintSimCLI",
      dependencies: [
        "Simulator", "Content", "Diagnostics", "Scoring", "TextAnalysis",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "complaint-sim", dependencies: ["ComplaintSimCLI"]),
    .target(name: "MallocCounter"),
    .executableTarget(
      name: "complaint-sim-bench",
      dependencies: [
        "Simulator", "Content", "DialogueRuntime", "Scoring", "TextAnalysis", "MallocCounter",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "TestSupport", dependencies: ["Content", "Diagnostics"]),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis", "DialogueRuntime"]),
    .testTarget(name: "ScoringTests", dependencies: ["Scoring", "TextAnalysis"]),
    .testTarget(
      name: "DialogueRuntimeTests",
      dependencies: ["DialogueRuntime", "Simulator", "Content", "TestSupport"],
      exclude: ["Transcripts"]
    ),
    .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "Content", "Scoring", "TestSupport"]),
    .testTarget(
      name: "ContentTests",
      dependencies: ["Content", "DialogueRuntime", "TestSupport", "TextAnalysis", "Yams"],
      exclude: ["Fixtures"]
    ),
    // The pseudo-terminal driver is a script the tests run, not a resource.
    .testTarget(name: "CLITests", dependencies: ["TestSupport", "Content"], exclude: ["pty_drill.py"]),
  ],
  swiftLanguageModes: [.v6]
)
