/// Elements in memory that starts on a cache line (64 bytes), for tables of fixed-size records
/// read at random in hot loops.
///
/// An array's elements start 32 bytes into a 16-byte-aligned allocation, so records of 32 bytes
/// (automaton states, red-line model rows) straddle two cache lines every other one, and reading
/// one costs two misses. Immutable after `init`, hence `@unchecked Sendable`.
public final class CacheAlignedBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
  public let elements: UnsafeBufferPointer<Element>

  public init(_ source: [Element]) {
    let memory = UnsafeMutableRawPointer.allocate(
      byteCount: max(1, source.count) * MemoryLayout<Element>.stride, alignment: max(64, MemoryLayout<Element>.alignment))
    let typed = memory.bindMemory(to: Element.self, capacity: source.count)
    _ = UnsafeMutableBufferPointer(start: typed, count: source.count).initialize(from: source)
    elements = UnsafeBufferPointer(start: typed, count: source.count)
  }

  deinit { UnsafeMutableRawPointer(mutating: elements.baseAddress)?.deallocate() }
}
