/// Bytes already in memory, read as a ``ByteSource``: tests, benchmarks, standard input copies.
public final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    /// Serves `bytes` from the start.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Serves the UTF-8 of `text`.
    public convenience init(_ text: String) { self.init(Array(text.utf8)) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}
