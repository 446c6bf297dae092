#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a byte stream (standard input, a gzip file) into chunks of whole lines, numbered, for
/// other threads to parse: one thread reads and cuts, the others parse the chunks. A line longer
/// than `maxLineLength` keeps only its first `maxLineLength + 1` bytes, which a ``LineSplitter``
/// with the same limit then truncates and flags exactly as it would the whole line, so memory stays
/// bounded whatever the input.
public struct LineChunker {
    /// Whole lines (the last one of the input may lack its `\n`) and where they begin.
    public struct Chunk: Sendable {
        public let bytes: [UInt8]
        /// The 1-based number of the chunk's first line in the input.
        public let firstLine: Int
        public let lines: Int
    }

    private var source: any ByteSource
    private let chunkSize: Int
    private let maxLineLength: Int
    /// The start of a line whose `\n` has not arrived.
    private var carry: [UInt8] = []
    private var buffer: [UInt8]
    private var nextLine = 1
    private var ended = false

    public init(source: any ByteSource, chunkSize: Int = 4 << 20, maxLineLength: Int = LineSplitter.defaultMaxLineLength) {
        self.source = source
        self.chunkSize = max(chunkSize, 1)
        self.maxLineLength = maxLineLength
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 1))
    }

    /// The next chunk, or `nil` at the end of the input.
    public mutating func next() throws -> Chunk? {
        while !ended {
            var source = self.source
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            self.source = source
            if n == 0 {
                ended = true
                guard !carry.isEmpty else { return nil }
                defer { carry = [] }
                return emit(carry, lines: 1)
            }
            let new = buffer[0..<n]
            guard let first = new.firstIndex(of: 10), let last = new.lastIndex(of: 10) else {
                keep(new)
                continue
            }
            keep(new[..<first])
            var bytes = carry
            bytes.append(10)
            bytes += new[(first + 1)..<(last + 1)]
            carry = []
            keep(new[(last + 1)...])
            return emit(bytes, lines: Self.newlines(in: bytes))
        }
        return nil
    }

    /// Holds the start of an unfinished line, no more than one byte past the line limit.
    private mutating func keep(_ bytes: ArraySlice<UInt8>) {
        let room = maxLineLength + 1 - carry.count
        if room > 0 { carry += bytes.prefix(room) }
    }

    private mutating func emit(_ bytes: [UInt8], lines: Int) -> Chunk {
        defer { nextLine += lines }
        return Chunk(bytes: bytes, firstLine: nextLine, lines: lines)
    }

    static func newlines(in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return 0 }
            var count = 0
            var offset = 0
            while offset < raw.count, let hit = memchr(base + offset, 10, raw.count - offset) {
                count += 1
                offset = base.distance(to: UnsafeRawPointer(hit)) + 1
            }
            return count
        }
    }
}
