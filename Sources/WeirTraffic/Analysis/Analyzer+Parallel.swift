import WeirCore
import WeirLog

extension Analyzer {
    /// Reads one input with up to `jobs` threads, giving the report ``add(path:)`` gives, byte
    /// for byte. A regular, uncompressed file is cut at line boundaries (``FileParts``) and each
    /// part counted with its own tables, then merged in file order; standard input, pipes and
    /// gzip files are read by one thread and parsed by `jobs` (``add(stream:name:jobs:chunkSize:)``);
    /// files under `minimumSize` bytes, and lines in a container envelope (whose long lines come
    /// in parts that a cut could separate), are read by one thread.
    public mutating func add(path: String, jobs: Int, minimumSize: Int64 = FileParts.minimumSize) throws {
        guard jobs > 1 else { return try add(path: path) }
        if try LogInput.isStream(path) { return try add(stream: LogInput.open(path), name: path, jobs: jobs) }
        guard let parts = try FileParts.cut(path, into: jobs, minimumSize: minimumSize), parts.ranges.count > 1,
            try LogReader.envelope(of: RangeSource(path: path, start: parts.ranges[0].lowerBound, end: parts.ranges[0].upperBound)) == nil
        else {
            return try add(path: path)
        }
        let format: LogFormat
        if let given = options.format, given.w3cFlavor == nil {
            format = given
        } else {
            // The same sample as one reader would take (a W3C log's `#Fields:` line among it);
            // an input it cannot recognise is read by one reader, which says why in its own words.
            let first = parts.ranges[0]
            let head = try RangeSource(path: path, start: first.lowerBound, end: first.upperBound)
            guard let detected = try? LogReader.detectFormat(of: head, name: path, given: options.format) else { return try add(path: path) }
            format = detected
        }
        finishInput(try count(path: path, parts: parts.ranges, format: format, lineOffset: 0))
    }

    /// Counts the parts `ranges` of the regular file at `path` (in file order, each starting at a
    /// line's start) in `format`, each on its own thread with its own tables, merged into this
    /// analyzer in file order, their malformed lines numbered from `lineOffset + 1`. Returns what
    /// was read (the caller records the input).
    mutating func count(path: String, parts ranges: [Range<Int64>], format: LogFormat, lineOffset: Int) throws -> AnalyzeReport.Input {
        try count(path: path, groups: ranges.map { [$0] }, format: format, lineOffset: lineOffset).input
    }

    /// Counts `range` of the regular file at `path` (starting at a line's start, ending just past
    /// a `\n`) as ``count(path:parts:format:lineOffset:)`` does with `jobs` threads, and returns
    /// too what each stretch of about `stretchBytes` counted (``LogStretch``), in file order.
    mutating func count(
        path: String,
        range: Range<Int64>,
        jobs: Int,
        stretchBytes: Int64,
        format: LogFormat,
        lineOffset: Int
    ) throws -> (input: AnalyzeReport.Input, stretches: [LogStretch]) {
        let wanted = (range.upperBound - range.lowerBound) / max(stretchBytes, 1) + 1
        let pieces = try FileParts.cut(path, range: range, into: Int(clamping: wanted), minimumSize: stretchBytes).ranges
        let threads = max(1, min(jobs, pieces.count))
        let groups = (0..<threads).map { t in Array(pieces[t * pieces.count / threads..<(t + 1) * pieces.count / threads]) }
        return try count(path: path, groups: groups, format: format, lineOffset: lineOffset)
    }

    /// Counts each group of consecutive parts on its own thread, a stretch at a time.
    private mutating func count(
        path: String,
        groups: [[Range<Int64>]],
        format: LogFormat,
        lineOffset: Int
    ) throws -> (input: AnalyzeReport.Input, stretches: [LogStretch]) {
        var partOptions = options
        partOptions.format = format
        let fixed = partOptions
        let counted = try ThreadFanOut.run(groups.count) { i in
            var part = Analyzer(options: fixed)
            var stretches: [LogStretch] = []
            for range in groups[i] { stretches.append(try part.countStretch(path: path, range: range)) }
            return (part: part, stretches: stretches)
        }
        var input = AnalyzeReport.Input(name: path, format: format.name, lines: 0, parsed: 0, malformed: 0)
        var stretches: [LogStretch] = []
        for (part, partStretches) in counted {
            absorb(part, lineOffset: lineOffset + input.lines)
            for counted in part.report.inputs { input.add(counted) }
            stretches += partStretches
        }
        return (input, stretches)
    }

    /// Counts the lines of `range`, numbered after those this analyzer has read, and returns what
    /// they counted.
    private mutating func countStretch(path: String, range: Range<Int64>) throws -> LogStretch {
        let reasons = report.malformedReasons
        latestParsed = .min
        let input = try count(RangeSource(path: path, start: range.lowerBound, end: range.upperBound), name: path, firstLine: report.lines + 1)
        finishInput(input)
        var added = report.malformedReasons
        for (kind, n) in reasons { added[kind, default: 0] -= n }
        return LogStretch(
            end: range.upperBound,
            lines: input.lines,
            parsed: input.parsed,
            malformed: input.malformed,
            malformedReasons: added.filter { $0.value > 0 },
            latest: latestParsed
        )
    }
}

extension Analyzer {
    /// Reads a stream (standard input, a pipe, a gzip file) on the calling thread, cut into
    /// chunks of whole lines (``LineChunker``) that `jobs` threads parse, each with its own
    /// tables, merged at the end: the report of ``add(source:name:)``, byte for byte.
    public mutating func add(stream source: any ByteSource, name: String, jobs: Int, chunkSize: Int = 4 << 20) throws {
        var chunker = LineChunker(source: source, chunkSize: chunkSize)
        var head: [LineChunker.Chunk] = []
        if let first = try chunker.next() { head.append(first) }
        if try LogReader.envelope(of: MemorySource(head.first?.bytes ?? [])) != nil {
            // A container's lines: one reader, which joins long lines' parts.
            return try add(source: ChunkSource(taken: head, rest: chunker), name: name)
        }
        var format = options.format
        if format == nil || format?.w3cFlavor != nil {
            // The first lines, as one reader would sample them (a W3C log's `#Fields:` among them).
            while head.reduce(0, { $0 + $1.lines }) < FormatDetector.sampleSize, let chunk = try chunker.next() { head.append(chunk) }
            format = try LogReader.detectFormat(of: MemorySource(head.flatMap(\.bytes)), name: name, given: format)
        }
        var partOptions = options
        partOptions.format = format
        let (fixed, sample) = (partOptions, head)
        let queue = BoundedQueue<LineChunker.Chunk>(capacity: 2 * jobs)
        // Read by the first job only, the calling thread.
        nonisolated(unsafe) var reader = chunker
        let results = try ThreadFanOut.run(jobs + 1) { i -> (part: Analyzer, input: AnalyzeReport.Input)? in
            guard i > 0 else {
                defer { queue.close(consumers: jobs) }
                for chunk in sample { queue.push(chunk) }
                while let chunk = try reader.next() { queue.push(chunk) }
                return nil
            }
            var part = Analyzer(options: fixed)
            var input = AnalyzeReport.Input(name: name, format: fixed.format?.name, lines: 0, parsed: 0, malformed: 0)
            do {
                while let chunk = queue.pop() {
                    input.add(try part.count(MemorySource(chunk.bytes), name: name, firstLine: chunk.firstLine))
                }
            } catch {
                while queue.pop() != nil {}  // the reader never waits on a queue no one empties
                throw error
            }
            return (part, input)
        }
        var input = AnalyzeReport.Input(name: name, format: format?.name, lines: 0, parsed: 0, malformed: 0)
        var malformed: [AnalyzeReport.MalformedLine] = []
        for (part, counted) in results.compactMap({ $0 }) {
            absorb(part, lineOffset: nil)
            malformed += part.report.malformedLines
            input.add(counted)
        }
        for line in malformed.sorted(by: { $0.line < $1.line }) where report.malformedLines.count < options.malformedSampleLimit {
            report.malformedLines.append(line)
        }
        finishInput(input)
    }
}
