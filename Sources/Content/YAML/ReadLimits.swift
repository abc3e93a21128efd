/// Limits that keep hostile or broken files from exhausting memory or time. Each is named in
/// the diagnostic that reports it, so a trainer knows which limit a file hit.
public struct ReadLimits: Sendable, Hashable {
  /// Largest content file read, in bytes. Real content files are a few KB; 1 MiB leaves room
  /// for the largest scenario while keeping a 50 MB file from being read at all.
  public var maxFileBytes: Int
  /// Most YAML nodes visited in one file, counting every alias expansion: stops "billion
  /// laughs" alias bombs, which compose cheaply but expand exponentially.
  public var maxNodes: Int
  /// Deepest nesting libyaml accepts (its own default, reported under our code CS0006).
  public var maxDepth: Int

  public init(maxFileBytes: Int = 1 << 20, maxNodes: Int = 200_000, maxDepth: Int = 1000) {
    self.maxFileBytes = maxFileBytes
    self.maxNodes = maxNodes
    self.maxDepth = maxDepth
  }

  public static let standard = ReadLimits()
}
