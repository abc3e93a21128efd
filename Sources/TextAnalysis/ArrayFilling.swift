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

  /// The elements of `buffer`: what `Array(buffer)` gives, allocated the cheap way (see
  /// ``init(filling:count:)``). With the elements first written into temporary storage, this
  /// replaces `init(unsafeUninitializedCapacity:initializingWith:)`, which allocates through the
  /// same unspecialised function.
  @inlinable
  public init(copying buffer: UnsafeBufferPointer<Element>) {
    self.init()
    reserveCapacity(buffer.count)
    append(contentsOf: buffer)
  }
}
