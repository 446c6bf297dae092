/// A half-open range of byte offsets `[start, end)` inside one log line.
///
/// Parsing never copies field bytes: a ``ParsedLine`` records where each field lies in the
/// line it came from, and consumers read the bytes in place.
public struct ByteRange: Sendable, Hashable {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    /// Creates a range from `start` up to, not including, `end`.
    @inlinable public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The empty range at offset 0.
    public static let empty = ByteRange(start: 0, end: 0)

    /// Number of bytes covered.
    @inlinable public var count: Int { end - start }

    /// Whether the range covers no byte.
    @inlinable public var isEmpty: Bool { end <= start }
}

extension UnsafeRawBufferPointer {
    /// The bytes of `range` inside this buffer, without copying.
    @inlinable public func slice(_ range: ByteRange) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[range.start..<range.end])
    }

    /// The bytes of `range` decoded as UTF-8, invalid sequences replaced by U+FFFD.
    public func string(_ range: ByteRange) -> String {
        String(decoding: slice(range), as: UTF8.self)
    }
}
