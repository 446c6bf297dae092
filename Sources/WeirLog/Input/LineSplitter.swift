#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a stream of byte chunks into lines, carrying a partial last line over to the next chunk.
///
/// A line is handed out only once its `\n` has arrived (``finish(_:)`` hands out a last line
/// that has none). Lines longer than `maxLineLength` are cut to that length and flagged, and the
/// rest of them is skipped, so memory stays bounded whatever the input.
public struct LineSplitter: Sendable {
    /// The default longest line: 1 MiB.
    public static let defaultMaxLineLength = 1 << 20

    /// Longest line kept whole, in bytes.
    public let maxLineLength: Int
    private var pending: [UInt8] = []
    private var pendingOverflow = false

    /// Creates a splitter; lines longer than `maxLineLength` bytes are truncated and flagged.
    public init(maxLineLength: Int = defaultMaxLineLength) {
        self.maxLineLength = maxLineLength
    }

    /// Bytes held back waiting for their `\n`.
    public var pendingByteCount: Int { pending.count }

    /// Splits `chunk`, calling `body(line, truncated)` for each complete line (without `\n`).
    /// Lines are only valid during the call.
    public mutating func consume(
        _ chunk: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer, Bool) throws -> Void
    ) rethrows {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        var start = 0
        let n = chunk.count
        while start < n {
            guard let hit = memchr(base + start, 10, n - start) else {
                hold(UnsafeRawBufferPointer(rebasing: chunk[start..<n]))
                return
            }
            let end = UnsafeRawPointer(hit) - base
            if pending.isEmpty && !pendingOverflow {
                let length = end - start
                if length > maxLineLength {
                    try body(UnsafeRawBufferPointer(start: base + start, count: maxLineLength), true)
                } else {
                    try body(UnsafeRawBufferPointer(start: base + start, count: length), false)
                }
            } else {
                hold(UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
                try flushPending(body)
            }
            start = end + 1
        }
    }

    /// Hands out the partial last line, if any (a file that does not end with `\n`).
    public mutating func finish(_ body: (UnsafeRawBufferPointer, Bool) throws -> Void) rethrows {
        if !pending.isEmpty || pendingOverflow { try flushPending(body) }
    }

    /// Drops any partial line (the file it came from was truncated or replaced).
    public mutating func reset() {
        pending.removeAll(keepingCapacity: true)
        pendingOverflow = false
    }

    private mutating func hold(_ bytes: UnsafeRawBufferPointer) {
        let room = maxLineLength - pending.count
        if bytes.count > room {
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<max(room, 0)]))
            pendingOverflow = true
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func flushPending(_ body: (UnsafeRawBufferPointer, Bool) throws -> Void) rethrows {
        let truncated = pendingOverflow
        try pending.withUnsafeBytes { try body($0, truncated) }
        pending.removeAll(keepingCapacity: true)
        pendingOverflow = false
    }
}
