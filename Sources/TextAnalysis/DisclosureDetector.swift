/// Finds a scenario's confidential facts (a third party's name, phone, account) in a reply.
/// Built per scenario; the strings are folded like the reply, so Traditional or full-width
/// spellings of the same name or number are found too.
public struct DisclosureDetector: Sendable {
  /// The cue id its hits carry; the scorer turns them into the `pii-leak` red line.
  public static let cueID = "confidential-disclosure"

  private let needles: [(fact: String, text: String, scalars: [UInt32])]

  /// - Parameter facts: for each confidential fact, its id and the strings whose appearance is a leak.
  public init(facts: [(id: String, disclosure: [String])], normalizer: TextNormalizer = .shared) {
    needles = facts.flatMap { fact in
      fact.disclosure.map { (fact.id, $0, normalizer.fold($0)) }.filter { !$0.2.isEmpty }
    }
  }

  public var isEmpty: Bool { needles.isEmpty }

  /// The analysis with a hit added for every confidential string found in the reply.
  public func augment(_ analysis: ReplyAnalysis) -> ReplyAnalysis {
    guard !needles.isEmpty else { return analysis }
    var added: [CueHit] = []
    // Through buffer pointers, by index: this runs for every reply of the scenario, and a loop
    // over the needles' tuples retained three buffers per needle, per reply.
    analysis.text.scalars.withUnsafeBufferPointer { haystack in
      for index in needles.indices {
        needles[index].scalars.withUnsafeBufferPointer { needle in
          guard let first = needle.first else { return }
          var start = 0
          while start + needle.count <= haystack.count {
            if haystack[start] == first, UnsafeBufferPointer(rebasing: haystack[start..<(start + needle.count)]).elementsEqual(needle) {
              added.append(CueHit(
                cue: Self.cueID, cueIndex: CueHit.disclosureIndex, range: start..<(start + needle.count),
                evidence: .disclosure(fact: needles[index].fact, text: needles[index].text)))
              start += needle.count
            } else {
              start += 1
            }
          }
        }
      }
    }
    guard !added.isEmpty else { return analysis }
    let hits = (analysis.hits + added).sorted { ($0.range.lowerBound, $0.cue) < ($1.range.lowerBound, $1.cue) }
    return ReplyAnalysis(text: analysis.text, hits: hits, quantities: analysis.quantities)
  }
}
