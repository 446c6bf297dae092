import Dispatch

/// A chunk of whole lines on its way through a ``PipelinedLogReader``: cut by the reading thread,
/// parsed by one of the parsing threads, then handed line by line to the consumer, which waits
/// for ``waitUntilParsed()`` before it reads ``records``. The parsing thread also makes the
/// chunk's ``tally`` (``LineTally``), when the reader was given one.
///
/// Each stage touches the chunk only after the stage before it has finished with it (the
/// semaphore orders the parser's writes before the consumer's reads), which is why it can go from
/// thread to thread.
final class ParsedChunk<Tally: LineTally>: @unchecked Sendable {
    /// The chunk's bytes, ending with `\n` once parsed.
    private(set) var bytes: [UInt8]
    /// The 1-based number of the chunk's first line in the input.
    let firstLine: Int
    /// Each line's start and length in ``bytes``, two numbers per line.
    private(set) var spans: [Int] = []
    /// Each line's fields (meaningful where it has no failure).
    var parsedLines: [ParsedLine] = []
    /// The failures, by the line's index in the chunk: few, so kept apart from the fields.
    private(set) var failures: [Int: ParseFailure] = [:]
    /// The chunk's lines counted, when the reader keeps a tally.
    private(set) var tally: Tally?
    private let parsedSignal = DispatchSemaphore(value: 0)

    init(_ chunk: LineChunker.Chunk) {
        bytes = chunk.bytes
        firstLine = chunk.firstLine
        spans.reserveCapacity(2 * chunk.lines)
        parsedLines.reserveCapacity(chunk.lines)
    }

    /// Splits and parses every line, as a ``LogReader`` with the same parser and line limit would,
    /// counts them in a copy of `empty` when one is given, then lets the consumer in. Called once,
    /// by one parsing thread.
    func parse(with parser: LineParser, maxLineLength: Int, tally empty: Tally? = nil) {
        defer { parsedSignal.signal() }
        // The input's last line may lack its `\n`; with one, it is split the same way and its
        // bytes stay in the chunk.
        if bytes.last != 10 { bytes.append(10) }
        var splitter = LineSplitter(maxLineLength: maxLineLength)
        var (spans, parsedLines, failures) = (self.spans, self.parsedLines, self.failures)
        var tally = empty
        let firstLine = firstLine
        bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            var parsed = ParsedLine()
            splitter.consume(raw) { line, truncated in
                let failure = truncated ? .lineTooLong(limit: maxLineLength) : parser.parse(line, into: &parsed)
                if let failure { failures[parsedLines.count] = failure }
                tally?.add(LogReader.Line(number: firstLine + parsedLines.count, bytes: line, failure: failure), parsed)
                spans.append(line.baseAddress.map { base.distance(to: $0) } ?? 0)
                spans.append(line.count)
                parsedLines.append(parsed)
            }
        }
        (self.spans, self.parsedLines, self.failures, self.tally) = (spans, parsedLines, failures, tally)
    }

    /// Waits until a parsing thread has parsed the chunk.
    func waitUntilParsed() {
        parsedSignal.wait()
    }
}
