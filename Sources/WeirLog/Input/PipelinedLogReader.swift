import Dispatch
import Synchronization
import WeirCore

/// Reads a log input with more threads than one and still hands its lines, in input order, to one
/// consumer on the calling thread: what a task run needs, whose rules and per-minute features see
/// the lines in order. One thread reads and cuts the input into chunks of whole lines
/// (``LineChunker``), `parsers` threads parse the chunks, and the calling thread takes the parsed
/// chunks in order. Reading and parsing thus overlap the consumer's own work.
///
/// The lines, their numbers, their parsed fields and their failures are those a ``LogReader``
/// with the same format hands out. The format is fixed: a W3C log, whose `#Fields:` lines
/// redefine it, is for ``LogReader``. Memory is bounded by `2 × parsers` chunks in flight.
public struct PipelinedLogReader {
    public let name: String
    public let format: LogFormat
    public let parsers: Int
    public let chunkSize: Int
    public let maxLineLength: Int

    /// Prepares to read an input named `name` in `format` with `parsers` parsing threads.
    public init(
        name: String,
        format: LogFormat,
        parsers: Int,
        chunkSize: Int = 2 << 20,
        maxLineLength: Int = LineSplitter.defaultMaxLineLength
    ) {
        self.name = name
        self.format = format
        self.parsers = max(parsers, 1)
        self.chunkSize = chunkSize
        self.maxLineLength = maxLineLength
    }

    /// Reads `source` to its end, calling `body` on the calling thread for each line in order, as
    /// ``LogReader/read(_:)`` does. An error of the source (a stop, a failed read) or of `body`
    /// ends the read: the other threads stop and the error is rethrown once they have.
    public func read(_ source: any ByteSource, _ body: (LogReader.Line, inout ParsedLine) throws -> Void) throws {
        var none: NoLineTally?
        try read(source, tally: &none, body)
    }

    /// Reads `source` as ``read(_:_:)`` does, and adds its lines to `tally` when one is given:
    /// each chunk is counted on the thread that parses it, in a tally of its own, and the chunks'
    /// tallies are appended to `tally` in input order as their lines reach `body`.
    public func read<Tally: LineTally>(
        _ source: any ByteSource,
        tally: inout Tally?,
        _ body: (LogReader.Line, inout ParsedLine) throws -> Void
    ) throws {
        let pipeline = Pipeline<Tally>(capacity: 2 * parsers)
        let group = DispatchGroup()
        nonisolated(unsafe) var chunker = LineChunker(source: source, chunkSize: chunkSize, maxLineLength: maxLineLength)
        let parsers = parsers
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            pipeline.cut { try chunker.next() }
            pipeline.close(parsers: parsers)
        }
        let (parser, limit, recipe) = (LineParser(format: format), maxLineLength, tally?.recipe)
        for _ in 0..<parsers {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                // The thread's empty tally, copied for each chunk: the copies share what it remembers.
                let empty = recipe.map(Tally.init(recipe:))
                while let chunk = pipeline.work.pop() { chunk.parse(with: parser, maxLineLength: limit, tally: empty) }
            }
        }
        do {
            while let chunk = pipeline.inOrder.pop() {
                chunk.waitUntilParsed()
                if let counted = chunk.tally { tally?.append(counted) }
                try Self.hand(chunk, to: body)
            }
        } catch {
            pipeline.abandon()
            group.wait()
            throw error
        }
        group.wait()
        if let error = pipeline.readError { throw error }
    }

    private static func hand<Tally>(_ chunk: ParsedChunk<Tally>, to body: (LogReader.Line, inout ParsedLine) throws -> Void) throws {
        let (spans, failures) = (chunk.spans, chunk.failures)
        try chunk.bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            try chunk.parsedLines.withUnsafeMutableBufferPointer { parsed in
                for i in parsed.indices {
                    let bytes = UnsafeRawBufferPointer(start: base + spans[2 * i], count: spans[2 * i + 1])
                    try body(LogReader.Line(number: chunk.firstLine + i, bytes: bytes, failure: failures.isEmpty ? nil : failures[i]), &parsed[i])
                }
            }
        }
    }

    /// The queues between the stages, and how the reading stage ended.
    final class Pipeline<Tally: LineTally>: Sendable {
        /// Chunks waiting for a parsing thread.
        let work: BoundedQueue<ParsedChunk<Tally>>
        /// The same chunks in input order, for the consumer.
        let inOrder: BoundedQueue<ParsedChunk<Tally>>
        private let abandoned = Atomic<Bool>(false)
        private let failure = Mutex<(any Error)?>(nil)

        init(capacity: Int) {
            work = BoundedQueue(capacity: capacity)
            inOrder = BoundedQueue(capacity: capacity)
        }

        /// The reading thread: cuts chunks until the input ends, the consumer gives up or
        /// `next` throws.
        func cut(_ next: () throws -> LineChunker.Chunk?) {
            do {
                while !abandoned.load(ordering: .relaxed), let cut = try next() {
                    let chunk = ParsedChunk<Tally>(cut)
                    inOrder.push(chunk)
                    work.push(chunk)
                }
            } catch {
                failure.withLock { $0 = error }
            }
        }

        /// Ends both queues: every parsing thread and the consumer get `nil` once they are empty.
        func close(parsers: Int) {
            work.close(consumers: parsers)
            inOrder.close(consumers: 1)
        }

        /// The consumer failed: the reading thread stops cutting, and the chunks already cut are
        /// taken off the ordered queue so that nothing waits for room.
        func abandon() {
            abandoned.store(true, ordering: .relaxed)
            while let chunk = inOrder.pop() { chunk.waitUntilParsed() }
        }

        var readError: (any Error)? { failure.withLock { $0 } }
    }
}
