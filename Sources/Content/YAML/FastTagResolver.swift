import Yams

/// Gives every scalar an explicit tag in one pass, so later reads never run Yams' regular
/// expressions. Yams resolves an implicit tag with up to seven regexes *every time* a scalar is
/// compared or read as a number (its `resolvedTag` is not cached); on a 200-file corpus that was
/// most of the load time. The rules below are YAML 1.1's as Yams applies them, decided with
/// cheap character tests; only strings that may be timestamps fall back to Yams' resolver.
enum FastTagResolver {
  static func retag(_ node: Node) -> Node {
    let tags = Tags()
    return retag(node, tags)
  }

  /// One tag object per kind per file (Tag is a class; sharing avoids an allocation per scalar).
  private final class Tags {
    let str = Tag(.str)
    let int = Tag(.int)
    let float = Tag(.float)
    let bool = Tag(.bool)
    let null = Tag(.null)
    let timestamp = Tag(.timestamp)
  }

  private static func retag(_ node: Node, _ tags: Tags) -> Node {
    switch node {
    case .scalar(var scalar):
      guard scalar.tag == Tag.implicit else { return node }
      scalar.tag = tag(for: scalar, tags)
      return .scalar(scalar)
    case .sequence(let sequence):
      return .sequence(Node.Sequence(sequence.map { retag($0, tags) }, sequence.tag, sequence.style, sequence.mark))
    case .mapping(let mapping):
      let pairs = mapping.map { (retag($0.key, tags), retag($0.value, tags)) }
      return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    case .alias:
      return node
    }
  }

  private static func tag(for scalar: Node.Scalar, _ tags: Tags) -> Tag {
    guard scalar.style == .plain || scalar.style == .any else { return tags.str }
    let text = scalar.string
    guard let first = text.unicodeScalars.first else { return tags.null }
    switch text {
    case "~", "null", "Null", "NULL": return tags.null
    case "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
      "on", "On", "ON", "off", "Off", "OFF":
      return tags.bool
    default: break
    }
    let numeric = ("0"..."9").contains(first) || first == "-" || first == "+" || first == "."
    guard numeric else { return tags.str }
    if Int(text) != nil { return tags.int }
    if Double(text) != nil, !text.contains("_") { return tags.float }
    // Rare forms (0x1F, 1_000, 12:30, .inf, dates): let Yams decide.
    let probe = Node(text)
    if probe.int != nil { return tags.int }
    if probe.float != nil { return tags.float }
    if probe.timestamp != nil { return tags.timestamp }
    return tags.str
  }
}
