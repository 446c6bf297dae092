/// Reads a whole log input line by line: chunks from a ``ByteSource``, lines from a
/// ``LineSplitter``, the format detected from the first lines when none was given, and every
/// line handed on parsed or with the reason it is malformed, numbered from 1. Lines in a
/// container runtime's envelope (CRI, Docker's json-file; ``ContainerEnvelope``, recognised by
/// the first line) are unwrapped first, and their numbers count the lines inside. In a W3C log
/// (``LogFormat/w3cFlavor``), `#` directive lines are counted in ``directives`` and not handed
/// on, and each `#Fields:` line redefines the format for the lines after it.
public struct LogReader {
    /// One line handed to the reader's consumer; the bytes are valid only during the call.
    public struct Line {
        /// 1-based line number within the input.
        public var number: Int
        /// The line's bytes, without `\n`.
        public var bytes: UnsafeRawBufferPointer
        /// Why the line is malformed, or `nil` when `parsed` holds it.
        public var failure: ParseFailure?

        public init(number: Int, bytes: UnsafeRawBufferPointer, failure: ParseFailure?) {
            self.number = number
            self.bytes = bytes
            self.failure = failure
        }
    }

    /// The input's name in messages (`-` is standard input).
    public let name: String
    /// The format in use: the given one, or the detected one once detection has run (for a W3C
    /// log, as its last `#Fields:` line defined it).
    public private(set) var format: LogFormat?
    /// W3C directive lines read (`#Version:`, `#Fields:`, …): neither requests nor malformed.
    public private(set) var directives = 0
    /// The container envelope the lines came in, once the first line was read; `nil` for plain lines.
    public private(set) var envelope: ContainerEnvelope?
    private var source: any ByteSource
    private let chunkSize: Int
    private var splitter: LineSplitter

    /// Prepares to read `source`; `format` `nil` detects it from the first lines.
    public init(
        source: any ByteSource,
        name: String,
        format: LogFormat?,
        chunkSize: Int = 1 << 20,
        maxLineLength: Int = LineSplitter.defaultMaxLineLength
    ) {
        self.source = source
        self.name = name
        self.format = format
        self.chunkSize = chunkSize
        self.splitter = LineSplitter(maxLineLength: maxLineLength)
    }

    /// Reads to the end, calling `body` for each line with the parsed fields in `parsed`
    /// (meaningful when `line.failure` is `nil`).
    public mutating func read(_ body: (Line, inout ParsedLine) throws -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        // The per-line state is one struct that closure literals mutate: its accesses are checked
        // when compiled, not at run time per line, as captures of local functions would be.
        var lines = Lines(name: name, parser: format.map { LineParser(format: $0) }, limit: splitter.maxLineLength)
        var splitter = self.splitter
        var unwrapper = EnvelopeUnwrapper(envelope: envelope, maxLineLength: lines.limit)
        defer {
            self.splitter = splitter
            self.directives += lines.directives
            if let detected = lines.detected { format = detected }
            envelope = unwrapper.envelope
        }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            // Once the first line showed plain lines, they go straight to the parser (a test per
            // chunk, not per line: this is the hot path).
            if unwrapper.isPlain {
                try splitter.consume(chunk) { bytes, truncated in try lines.route(bytes, truncated, body) }
            } else {
                try splitter.consume(chunk) { bytes, truncated in
                    try unwrapper.unwrap(bytes, truncated: truncated) { try lines.route($0, $1, body) }
                }
            }
        }
        try splitter.finish { bytes, truncated in try unwrapper.unwrap(bytes, truncated: truncated) { try lines.route($0, $1, body) } }
        try unwrapper.finish { try lines.route($0, $1, body) }
        if lines.parser == nil, !lines.sample.isEmpty { try lines.detectAndDrain(body) }
    }

    /// What ``read(_:)`` keeps from line to line: the number, the parsed fields, the parser (or
    /// the sample of lines waiting for the format to be detected) and the directives seen.
    private struct Lines {
        let name: String
        var parser: LineParser?
        let limit: Int
        var number = 0
        var parsed = ParsedLine()
        var sample: [(bytes: [UInt8], truncated: Bool)] = []
        var detected: LogFormat?
        var directives = 0

        init(name: String, parser: LineParser?, limit: Int) {
            self.name = name
            self.parser = parser
            self.limit = limit
        }

        /// One physical line: parsed, or kept in the sample until the format is known.
        @inline(__always)
        mutating func route(_ bytes: UnsafeRawBufferPointer, _ truncated: Bool, _ body: (Line, inout ParsedLine) throws -> Void) throws {
            if let p = parser { return try handle(bytes, truncated, p, body) }
            sample.append((Array(bytes), truncated))
            if sample.count >= FormatDetector.sampleSize { try detectAndDrain(body) }
        }

        mutating func detectAndDrain(_ body: (Line, inout ParsedLine) throws -> Void) throws {
            let found = try FormatDetector.format(of: sample.filter { !$0.truncated }.map(\.bytes), source: name)
            detected = found
            parser = LineParser(format: found)
            let waiting = sample
            sample = []
            for line in waiting { try line.bytes.withUnsafeBytes { try handle($0, line.truncated, parser!, body) } }
        }

        @inline(__always)
        private mutating func handle(
            _ bytes: UnsafeRawBufferPointer,
            _ truncated: Bool,
            _ current: LineParser,
            _ body: (Line, inout ParsedLine) throws -> Void
        ) throws {
            number += 1
            if current.format.isDirective(bytes) {
                directives += 1
                if let redefined = try W3CDirective.format(bytes, flavor: current.format.w3cFlavor, source: name, line: number) {
                    parser = LineParser(format: redefined)
                    detected = redefined
                }
                return
            }
            let failure = truncated ? .lineTooLong(limit: limit) : current.parse(bytes, into: &parsed)
            try body(Line(number: number, bytes: bytes, failure: failure), &parsed)
        }
    }

    /// The container envelope of `source`'s first line, or `nil` when its lines are plain.
    public static func envelope(of source: any ByteSource, maxLineLength: Int = LineSplitter.defaultMaxLineLength) throws -> ContainerEnvelope? {
        struct Found: Error { let envelope: ContainerEnvelope? }
        var source = source
        var splitter = LineSplitter(maxLineLength: maxLineLength)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 64)
        defer { buffer.deallocate() }
        func first(_ bytes: UnsafeRawBufferPointer, _ truncated: Bool) throws {
            guard !bytes.isEmpty, !truncated else { return }
            throw Found(envelope: ContainerEnvelope.of(bytes))
        }
        do {
            while true {
                let n = try source.read(into: buffer)
                if n == 0 { break }
                try splitter.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), first)
            }
            try splitter.finish(first)
        } catch let found as Found {
            return found.envelope
        }
        return nil
    }

    /// The format ``read(_:)`` would detect from the first lines of `source` (the same sample:
    /// the first ``FormatDetector/sampleSize`` lines, truncated ones left out), reading no further
    /// than those lines. With a W3C format `given`, the format its `#Fields:` line among those
    /// lines declares, or `given` without one.
    public static func detectFormat(
        of source: any ByteSource,
        name: String,
        given: LogFormat? = nil,
        maxLineLength: Int = LineSplitter.defaultMaxLineLength
    ) throws -> LogFormat {
        struct Enough: Error {}
        var source = source
        var splitter = LineSplitter(maxLineLength: maxLineLength)
        var sample: [(bytes: [UInt8], truncated: Bool)] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 64)
        defer { buffer.deallocate() }
        func collect(_ bytes: UnsafeRawBufferPointer, _ truncated: Bool) throws {
            sample.append((Array(bytes), truncated))
            if sample.count >= FormatDetector.sampleSize { throw Enough() }
        }
        var unwrapper = EnvelopeUnwrapper(maxLineLength: maxLineLength)
        func physical(_ bytes: UnsafeRawBufferPointer, _ truncated: Bool) throws {
            try unwrapper.unwrap(bytes, truncated: truncated, collect)
        }
        do {
            while true {
                let n = try source.read(into: buffer)
                if n == 0 { break }
                try splitter.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), physical)
            }
            try splitter.finish(physical)
            try unwrapper.finish(collect)
        } catch is Enough {}
        let lines = sample.filter { !$0.truncated }.map(\.bytes)
        if let given {
            guard let flavor = given.w3cFlavor else { return given }
            return try FormatDetector.w3cFormat(of: lines, source: name, flavor: flavor) ?? given
        }
        return try FormatDetector.format(of: lines, source: name)
    }
}
