/// The bytes of a ``LineChunker``'s chunks as one ``ByteSource``: the chunks already taken from
/// it first, then the rest, for a stream whose first chunks were read to decide how to read it.
public struct ChunkSource: ByteSource {
    private var chunker: LineChunker
    private var pending: [[UInt8]]
    private var current: [UInt8] = []
    private var offset = 0

    public init(taken: [LineChunker.Chunk], rest chunker: LineChunker) {
        self.chunker = chunker
        self.pending = taken.map(\.bytes).reversed()
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while offset == current.count {
            if let next = pending.popLast() {
                current = next
            } else if let chunk = try nextChunk() {
                current = chunk.bytes
            } else {
                return 0
            }
            offset = 0
        }
        let n = min(buffer.count, current.count - offset)
        current.withUnsafeBytes { raw in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)])) }
        offset += n
        return n
    }

    private mutating func nextChunk() throws(InputError) -> LineChunker.Chunk? {
        do { return try chunker.next() } catch let error as InputError { throw error } catch {
            throw InputError.system("read", "-", 5)
        }
    }
}
