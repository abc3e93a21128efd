extension Array {
  /// `count` copies of `value`: what `init(repeating:count:)` gives, allocated the cheap way.
  ///
  /// `init(repeating:count:)` allocates through a standard-library function that is neither
  /// inlinable nor specialised (`_allocateBufferUninitialized`), so every call looks the
  /// storage class's generic metadata up at run time: about 700 instructions and several cache
  /// misses (callgrind), more than the rest of building a small array. Reserving capacity goes
  /// through the specialised growth path instead. Used for the arrays made per reply and per
  /// scorecard.
  @inlinable
  public init(filling value: Element, count: Int) {
    self.init()
    reserveCapacity(count)
    append(contentsOf: repeatElement(value, count: count))
  }
}
