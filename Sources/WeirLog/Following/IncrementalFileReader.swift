#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads what was appended to a log file since a ``FileCheckpoint``, one run at a time, so that no
/// line is read twice and none is lost:
///
/// - the same file, grown: from the checkpoint's offset;
/// - the same file, shorter than the offset, or no longer ending the bytes read as they were
///   (truncated by `copytruncate`, then written past the offset; ``FileMark``): from its start;
/// - another file at the path (rotated): first the rest of the old file, found by its inode among
///   the files of the same directory (`access.log.1`, `access.log-20261121`…), then the new file
///   from its start;
/// - no checkpoint: the file from its start.
///
/// Only complete lines are read from the current file: a line still being written (no `\n` yet)
/// is left for the next run, and the new checkpoint points at its first byte. A rotated file is
/// read to its end, since nothing writes to it any more.
public struct IncrementalFileReader {
    /// One stretch of bytes to read: a file and the byte range within it.
    public struct Segment: Sendable, Equatable {
        public var path: String
        public var start: Int64
        public var end: Int64
    }

    /// What one read found, besides the lines.
    public struct Outcome: Sendable, Equatable {
        /// The checkpoint to store once the lines are safely accounted for.
        public var checkpoint: FileCheckpoint
        /// Bytes read.
        public var bytesRead: Int64
        /// The file was truncated since the checkpoint.
        public var truncated: Bool
        /// The file was rotated since the checkpoint.
        public var rotated: Bool
        /// The rotated file could not be found, so its unread rest (if any) is lost.
        public var rotatedFileMissing: Bool
    }

    public let path: String
    public let format: LogFormat?
    /// Threads that parse a large stretch while the caller's `body` takes its lines
    /// (``PipelinedLogReader``); 0 reads on the calling thread alone.
    public let parsers: Int
    /// Stretches shorter than this are read on the calling thread alone.
    public let pipelinedMinimum: Int64

    /// The default shortest stretch worth parsing on other threads: 8 MiB, about 40,000 lines.
    public static let pipelinedMinimum: Int64 = 8 << 20

    /// Prepares to read `path` in `format` (`nil` detects it from the first lines read), with
    /// `parsers` threads parsing each stretch of `pipelinedMinimum` bytes or more ahead of `body`.
    public init(path: String, format: LogFormat?, parsers: Int = 0, pipelinedMinimum: Int64 = Self.pipelinedMinimum) {
        self.path = path
        self.format = format
        self.parsers = parsers
        self.pipelinedMinimum = pipelinedMinimum
    }

    /// Reads every complete line appended since `checkpoint`, calling `body` for each (see
    /// ``LogReader/read(_:)``). `shouldStop` is asked between chunks; when it answers true the
    /// read throws ``InputError/stopped`` and nothing read should be committed.
    public func read(
        after checkpoint: FileCheckpoint?,
        shouldStop: @escaping () -> Bool = { false },
        _ body: (LogReader.Line, inout ParsedLine) throws -> Void
    ) throws -> Outcome {
        var none: NoLineTally?
        return try read(after: checkpoint, shouldStop: shouldStop, tally: &none, body)
    }

    /// Reads as ``read(after:shouldStop:_:)`` does, and adds every line handed to `body` to
    /// `tally` when one is given: on the parsing threads for a stretch they parse, else on this
    /// thread just before the line reaches `body`.
    public func read<Tally: LineTally>(
        after checkpoint: FileCheckpoint?,
        shouldStop: @escaping () -> Bool = { false },
        tally: inout Tally?,
        _ body: (LogReader.Line, inout ParsedLine) throws -> Void
    ) throws -> Outcome {
        let fd = try RegularFile.open(path)
        defer { close(fd) }
        guard let current = FileIdentity(fd: fd) else { throw InputError.system("stat", path, errno) }
        var plan = [Segment]()
        var outcome = Outcome(
            checkpoint: FileCheckpoint(device: current.device, inode: current.inode, offset: 0),
            bytesRead: 0,
            truncated: false,
            rotated: false,
            rotatedFileMissing: false
        )
        var start: Int64 = 0
        if let checkpoint {
            if current.matches(checkpoint) {
                if try Self.grew(from: checkpoint, to: current, fd: fd, path: path) {
                    start = checkpoint.offset
                } else {
                    outcome.truncated = true
                }
            } else {
                outcome.rotated = true
                if let old = Self.findRotated(checkpoint, besides: path) {
                    if old.size > checkpoint.offset {
                        plan.append(Segment(path: old.path, start: checkpoint.offset, end: old.size))
                    }
                } else {
                    outcome.rotatedFileMissing = true
                }
            }
        }
        var end = try Self.endOfLastLine(fd: fd, from: start, size: current.size, path: path)
        if end > start {
            // A container log whose last entries are parts of a long line: they wait for its end.
            end = try Self.endOfLastWholeEntry(fd: fd, from: start, end: end, path: path)
        }
        if end > start { plan.append(Segment(path: path, start: start, end: end)) }
        outcome.checkpoint.offset = end
        outcome.checkpoint.mark = try FileMark.before(end, in: fd, path: path)
        var parser: LogFormat? = format
        // A W3C log's header was read by an earlier run: its fields go on, unless the task now
        // names a format of another kind.
        if format == nil || format?.w3cFlavor != nil, let checkpoint, !outcome.truncated,
            let flavor = checkpoint.w3cFlavor.flatMap(W3CFlavor.init(rawValue:)), let fields = checkpoint.w3cFields
        {
            parser = (try? LogFormat.w3c(fields: fields, flavor: flavor)) ?? parser
        }
        for segment in plan {
            let source = try RangeSource(path: segment.path, start: segment.start, end: segment.end, shouldStop: shouldStop)
            if let fixed = try pipelinedFormat(segment, parser) {
                try PipelinedLogReader(name: segment.path, format: fixed, parsers: parsers).read(source, tally: &tally, body)
                parser = fixed
            } else {
                var reader = LogReader(source: source, name: segment.path, format: parser)
                if tally == nil {
                    try reader.read(body)
                } else {
                    try reader.read { line, parsed in
                        tally?.add(line, parsed)
                        try body(line, &parsed)
                    }
                }
                parser = reader.format ?? parser
            }
            outcome.bytesRead += segment.end - segment.start
        }
        outcome.checkpoint.w3cFlavor = parser?.w3cFlavor?.rawValue
        outcome.checkpoint.w3cFields = parser?.w3cFields
        return outcome
    }

    /// The format in which a ``PipelinedLogReader`` reads `segment`, or `nil` when one
    /// ``LogReader`` should: no parsing threads, a short stretch, a W3C log (whose directives
    /// redefine the format as it goes), lines in a container envelope (whose long lines come in
    /// parts to join in order), or a format not recognised (the reader says why).
    private func pipelinedFormat(_ segment: Segment, _ parser: LogFormat?) throws -> LogFormat? {
        guard parsers > 0, segment.end - segment.start >= pipelinedMinimum else { return nil }
        guard try LogReader.envelope(of: RangeSource(path: segment.path, start: segment.start, end: segment.end)) == nil else { return nil }
        if let parser { return parser.w3cFlavor == nil ? parser : nil }
        let head = try RangeSource(path: segment.path, start: segment.start, end: segment.end)
        guard let detected = try? LogReader.detectFormat(of: head, name: segment.path), detected.w3cFlavor == nil else { return nil }
        return detected
    }

    /// Whether the file the checkpoint was taken on (`current`, open as `fd`) only grew since: it
    /// is at least as long as the offset and still holds, just before it, the bytes it held then
    /// (a checkpoint without a mark is taken at its word). Otherwise it was truncated or
    /// rewritten in place, and is read from its start.
    package static func grew(from checkpoint: FileCheckpoint, to current: FileIdentity, fd: Int32, path: String) throws(InputError) -> Bool {
        guard current.size >= checkpoint.offset else { return false }
        guard let mark = checkpoint.mark else { return true }
        return try FileMark.before(checkpoint.offset, in: fd, path: path) == mark
    }

    /// The offset just past the last `\n` in `[from, size)`, or `from` when there is none.
    package static func endOfLastLine(fd: Int32, from: Int64, size: Int64, path: String) throws(InputError) -> Int64 {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var end = size
        while end > from {
            let chunkStart = max(from, end - Int64(buffer.count))
            let want = Int(end - chunkStart)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(chunkStart)) }
            guard n == want else { throw InputError.system("read", path, n < 0 ? errno : EIO) }
            if let i = buffer[0..<want].lastIndex(of: UInt8(ascii: "\n")) { return chunkStart + Int64(i) + 1 }
            end = chunkStart
        }
        return from
    }

    /// `end`, or earlier when the lines before it are in a container envelope and the last ones
    /// are parts of a long line whose final part is not written yet: the start of those parts,
    /// so that the line is read whole by the next run. Looks back at most 1 MiB.
    static func endOfLastWholeEntry(fd: Int32, from: Int64, end: Int64, path: String) throws(InputError) -> Int64 {
        let windowStart = max(from, end - (1 << 20))
        var tail = [UInt8](repeating: 0, count: Int(end - windowStart))
        let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(windowStart)) }
        guard n == tail.count else { throw InputError.system("read", path, n < 0 ? errno : EIO) }
        return tail.withUnsafeBytes { raw -> Int64 in
            // Lines from the end: `cut` is the offset after the last whole entry found so far.
            var lineEnd = raw.count - 1  // the final `\n`
            var envelope: ContainerEnvelope?
            while lineEnd > 0 {
                var lineStart = lineEnd
                while lineStart > 0, raw[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
                // A line cut by the window's start cannot be judged: keep what was found.
                if lineStart == 0, windowStart > from { return end }
                let line = UnsafeRawBufferPointer(rebasing: raw[lineStart..<lineEnd])
                if envelope == nil { envelope = ContainerEnvelope.of(line) }
                guard let envelope, envelope.isPartial(line) else { return windowStart + Int64(lineEnd) + 1 }
                if lineStart == 0 { return windowStart }
                lineEnd = lineStart - 1
            }
            return end
        }
    }

    /// The rotated-away file a checkpoint was taken on, looked up by inode in the log's directory,
    /// and in its target's when the path is a symbolic link (a Kubernetes node's
    /// `/var/log/containers/*.log` point into `/var/log/pods`, where the kubelet rotates).
    static func findRotated(_ checkpoint: FileCheckpoint, besides path: String) -> (path: String, size: Int64)? {
        var directories = [directory(of: path)]
        if let real = realpath(path, nil) {
            defer { free(real) }
            let target = directory(of: String(cString: real))
            if target != directories[0] { directories.append(target) }
        }
        for directory in directories {
            guard let dir = opendir(directory.isEmpty ? "/" : directory) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let candidate = directory + "/" + name
                if let identity = FileIdentity(path: candidate), identity.matches(checkpoint) {
                    return (candidate, identity.size)
                }
            }
        }
        return nil
    }

    private static func directory(of path: String) -> String {
        let slash = path.lastIndex(of: "/")
        return slash.map { String(path[..<$0]) } ?? "."
    }
}

extension InputError {
    /// A read stopped on request (shutdown); nothing read should be committed.
    public static let stopped = InputError(.stopped, "reading stopped because the service is shutting down")
}
