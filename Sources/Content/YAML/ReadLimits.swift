/// Limits that keep hostile or broken files from exhausting memory or time. Each is named in
/// the diagnostic that reports it, so a trainer knows which limit a file hit.
public struct ReadLimits: Sendable, Hashable {
  /// Largest content file read, in bytes. Real content files are a few KB; 1 MiB leaves room
  /// for the largest scenario while keeping a 50 MB file from being read at all.
  public var maxFileBytes: Int
  /// Most YAML nodes visited in one file, counting every alias expansion: stops "billion
  /// laughs" alias bombs, which compose cheaply but expand exponentially.
  public var maxNodes: Int

  /// Deepest nesting accepted. This is libyaml's own built-in limit (Yams does not expose the
  /// setter), so it is a constant here; the loader reports it under CS0006.
  public static let maxDepth = 1000

  public init(maxFileBytes: Int = 1 << 20, maxNodes: Int = 200_000) {
    self.maxFileBytes = maxFileBytes
    self.maxNodes = maxNodes
  }

  public static let standard = ReadLimits()
}
