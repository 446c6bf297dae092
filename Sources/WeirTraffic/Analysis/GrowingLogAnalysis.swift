import Synchronization
import WeirCore
import WeirLog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The analysis of one log file that follows the file as it grows: the first ``update(jobs:)``
/// reads it whole, and each later one reads only the complete lines appended since, adds their
/// counts to the ones kept, and gives the report ``Analyzer/add(path:jobs:)`` would give over
/// the whole file as it stands, line for line. The file is read whole again when it is another
/// file (rotated), shorter than what was read (truncated), or no longer ends what was read with
/// the same bytes (rewritten in place). A line still being written (no `\n` yet) is counted in the
/// report but not kept, so it is read again, whole, once it ends.
///
/// Only a regular, uncompressed file in a fixed format is followed: a W3C log (whose `#Fields:`
/// lines redefine the format as it goes), lines in a container envelope, gzip, a file whose
/// format is not recognised yet, and one too short to be sure of its detected format are read
/// whole at each update.
///
/// The counts are kept by stretches of about ``stretchBytes`` (4 MiB) too (``LogStretch``), so that a view
/// of the same file whose range starts later can take over those wholly before its start and
/// read only from there (``handingOver(to:)``): a range that moves with the present reads the
/// last stretches, not the file.
///
/// Updates run one at a time (a lock), on the caller's thread.
public final class GrowingLogAnalysis: Sendable {
    public let path: String
    public let options: Analyzer.Options

    /// How an update read the file.
    public enum Read: Sendable, Equatable {
        /// The whole file.
        case whole
        /// Only the bytes after those the kept counts cover, this many: those appended since the
        /// last update, and after a hand-over the stretches from the range's start on.
        case appended(bytes: Int64)
    }

    /// What the complete lines read so far counted, and where they end.
    fileprivate struct Kept {
        var analyzer: Analyzer
        var input: AnalyzeReport.Input
        var format: LogFormat
        /// The file read, where its last whole line read ends, and the mark of the bytes before.
        var checkpoint: FileCheckpoint
        /// Where the lines `analyzer` counted end: the checkpoint's offset, or before it after a
        /// hand-over, whose next update counts from there.
        var countedTo: Int64
        /// What the lines before `countedTo` counted, stretch by stretch, in file order.
        var stretches: [LogStretch]

        /// Stretches at the start of a file and the malformed lines among them (the first).
        struct Prefix: Sendable {
            var stretches: [LogStretch]
            var malformedLines: [AnalyzeReport.MalformedLine]
        }
    }

    /// The bytes of a stretch, about: a range's start falls in one, read again from its start.
    public let stretchBytes: Int64

    private let kept: Mutex<Kept?>

    /// Follows the file at `path`, analysed with `options`, its counts kept by stretches of
    /// about `stretchBytes`.
    public init(path: String, options: Analyzer.Options, stretchBytes: Int64 = 4 << 20) {
        self.path = path
        self.options = options
        self.stretchBytes = stretchBytes
        kept = Mutex(nil)
    }

    /// Reads what the file gained since the last update (all of it the first time), and returns
    /// the report over the whole file and how it was read. Throws what ``Analyzer/add(path:)``
    /// throws for a file that cannot be read; the counts kept are then dropped.
    public func update(jobs: Int) throws -> (report: AnalyzeReport, read: Read) {
        try kept.withLock { kept throws -> (report: AnalyzeReport, read: Read) in
            do {
                return try advance(&kept, jobs: jobs)
            } catch {
                kept = nil
                throw error
            }
        }
    }

    private func advance(_ kept: inout Kept?, jobs: Int) throws -> (report: AnalyzeReport, read: Read) {
        guard try !LogInput.isStream(path) else {
            kept = nil
            return (try wholeReport(jobs: jobs), .whole)
        }
        let fd = try RegularFile.open(path)
        defer { close(fd) }
        guard let identity = FileIdentity(fd: fd) else { throw InputError.system("stat", path, errno) }
        var read = Read.whole
        if let previous = kept, identity.matches(previous.checkpoint),
            try IncrementalFileReader.grew(from: previous.checkpoint, to: identity, fd: fd, path: path)
        {
            read = .appended(bytes: identity.size - previous.countedTo)
        } else {
            kept = try start(identity)
        }
        guard var state = kept else { return (try wholeReport(jobs: jobs), .whole) }
        let end = try IncrementalFileReader.endOfLastLine(fd: fd, from: state.checkpoint.offset, size: identity.size, path: path)
        if end > state.countedTo {
            let counted = try state.analyzer.count(
                path: path,
                range: state.countedTo..<end,
                jobs: jobs,
                stretchBytes: stretchBytes,
                format: state.format,
                lineOffset: state.input.lines
            )
            state.input.add(counted.input)
            state.stretches += counted.stretches
            state.countedTo = end
            state.checkpoint.offset = end
            state.checkpoint.mark = try FileMark.before(end, in: fd, path: path)
        }
        // A format detected from fewer lines than detection samples might not be the one a
        // whole read detects later: such a short log is read whole until it is longer.
        kept = options.format == nil && state.input.lines < FormatDetector.sampleSize ? nil : state
        return (try report(state, through: identity.size), read)
    }

    /// Counts to keep for the file `identity`, from its start: `nil` when it is not followed.
    private func start(_ identity: FileIdentity) throws -> Kept? {
        guard identity.size > 0 else { return nil }
        let head = try RangeSource(path: path, start: 0, end: identity.size)
        guard try LogReader.envelope(of: head) == nil else { return nil }
        let format: LogFormat
        if let given = options.format, given.w3cFlavor == nil {
            format = given
        } else {
            let sample = try RangeSource(path: path, start: 0, end: identity.size)
            guard let detected = try? LogReader.detectFormat(of: sample, name: path, given: options.format), detected.w3cFlavor == nil else {
                return nil
            }
            format = detected
        }
        return Kept(
            analyzer: Analyzer(options: options),
            input: AnalyzeReport.Input(name: path, format: format.name, lines: 0, parsed: 0, malformed: 0),
            format: format,
            checkpoint: FileCheckpoint(device: identity.device, inode: identity.inode, offset: 0),
            countedTo: 0,
            stretches: []
        )
    }

    /// A new analysis of the same file with `options` (the same format; any range, filters and
    /// routes) whose range starts at `options.from`, taking over what the stretches before the
    /// first with a line at or after that instant counted: all their lines are outside its range,
    /// so their counts, malformed lines and reasons are all it needs of them, and its first update
    /// reads from there. `nil` when that is no stretch, nothing is kept, or `options` has no start.
    public func handingOver(to options: Analyzer.Options) -> GrowingLogAnalysis? {
        guard let from = options.from else { return nil }
        let taken = kept.withLock { state -> (Kept.Prefix, FileCheckpoint, LogFormat)? in
            guard let state else { return nil }
            let skipped = Array(state.stretches.prefix { $0.latest < from })
            guard !skipped.isEmpty else { return nil }
            // The kept counts start at the file's first line, so their samples are its first.
            let lines = skipped.reduce(0) { $0 + $1.lines }
            let samples = state.analyzer.report.malformedLines.prefix { $0.line <= lines }
            return (Kept.Prefix(stretches: skipped, malformedLines: Array(samples)), state.checkpoint, state.format)
        }
        guard let (prefix, checkpoint, format) = taken else { return nil }
        return GrowingLogAnalysis(
            path: path,
            options: options,
            stretchBytes: stretchBytes,
            kept: Kept(prefix, path: path, options: options, checkpoint: checkpoint, format: format)
        )
    }

    private init(path: String, options: Analyzer.Options, stretchBytes: Int64, kept: sending Kept?) {
        self.path = path
        self.options = options
        self.stretchBytes = stretchBytes
        self.kept = Mutex(kept)
    }

    /// The report over the kept counts and, when the file ends with a line still being written
    /// (past the checkpoint's offset, before `size`), that line too.
    private func report(_ state: Kept, through size: Int64) throws -> AnalyzeReport {
        var view: Analyzer
        var input = state.input
        if size > state.checkpoint.offset {
            view = Analyzer(options: options)
            view.absorb(state.analyzer, lineOffset: 0)
            input.add(try view.count(path: path, parts: [state.checkpoint.offset..<size], format: state.format, lineOffset: state.input.lines))
        } else {
            view = state.analyzer
        }
        view.finishInput(input)
        return view.finish()
    }

    /// The report of the file read whole, as `weir analyze` reads it.
    private func wholeReport(jobs: Int) throws -> AnalyzeReport {
        var analyzer = Analyzer(options: options)
        try analyzer.add(path: path, jobs: jobs)
        return analyzer.finish()
    }
}

extension GrowingLogAnalysis.Kept {
    /// Counts for `options` that stand for `prefix`, every line of which is outside their
    /// range, ending where its stretches end.
    init(_ prefix: Prefix, path: String, options: Analyzer.Options, checkpoint: FileCheckpoint, format: LogFormat) {
        analyzer = Analyzer(options: options)
        input = AnalyzeReport.Input(name: path, format: format.name, lines: 0, parsed: 0, malformed: 0)
        for stretch in prefix.stretches {
            input.add(AnalyzeReport.Input(name: path, format: nil, lines: stretch.lines, parsed: stretch.parsed, malformed: stretch.malformed))
            for (kind, n) in stretch.malformedReasons { analyzer.report.malformedReasons[kind, default: 0] += n }
        }
        analyzer.report.outsideTimeRange = input.parsed
        analyzer.report.malformedLines = Array(prefix.malformedLines.prefix(options.malformedSampleLimit))
        self.format = format
        self.checkpoint = checkpoint
        countedTo = prefix.stretches.last?.end ?? 0
        stretches = prefix.stretches
    }
}
