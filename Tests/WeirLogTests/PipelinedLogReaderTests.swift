import Foundation
import Testing
import WeirCore
import WeirLog

/// The pipelined reader hands out exactly the lines of one ``LogReader``, in order, with the same
/// numbers, bytes, failures and fields, whatever the chunk size and the number of parsing
/// threads; and an error of the consumer or of the input ends the read without a hang.
struct PipelinedLogReaderTests {
    /// Everything a consumer sees of a line, as text.
    static func describe(_ line: LogReader.Line, _ parsed: ParsedLine) -> String {
        let text = String(decoding: line.bytes, as: UTF8.self)
        guard line.failure == nil else { return "\(line.number) \(text) malformed: \(line.failure!)" }
        let b = line.bytes
        return [
            "\(line.number) \(text)", b.string(parsed.client), b.string(parsed.method), b.string(parsed.target),
            b.string(parsed.referrer), b.string(parsed.userAgent), "\(parsed.timestamp) \(parsed.utcOffset)",
            "\(parsed.status) \(parsed.bytes) \(parsed.durationMicros) \(parsed.fields.rawValue)",
        ].joined(separator: "|")
    }

    /// The first line where `seen` and `reference` differ, or `nil` when they are the same.
    static func firstDifference(_ seen: [String], _ reference: [String]) -> String? {
        if let i = zip(seen, reference).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            return "line \(i + 1): \(seen[i]) instead of \(reference[i])"
        }
        return seen.count == reference.count ? nil : "\(seen.count) lines instead of \(reference.count)"
    }

    static func oneReader(_ bytes: [UInt8], _ format: LogFormat, limit: Int) throws -> [String] {
        var seen: [String] = []
        var reader = LogReader(source: MemorySource(bytes), name: "t", format: format, chunkSize: 4096, maxLineLength: limit)
        try reader.read { line, parsed in seen.append(describe(line, parsed)) }
        return seen
    }

    static func pipelined(_ bytes: [UInt8], _ format: LogFormat, limit: Int, chunk: Int, parsers: Int) throws -> [String] {
        var seen: [String] = []
        let reader = PipelinedLogReader(name: "t", format: format, parsers: parsers, chunkSize: chunk, maxLineLength: limit)
        try reader.read(MemorySource(bytes)) { line, parsed in seen.append(describe(line, parsed)) }
        return seen
    }

    /// Combined lines with junk among them: empty lines, CRLF, a line over the limit, a line
    /// of spaces, and no `\n` at the end.
    static func combinedInput(lines: Int) -> [UInt8] {
        var text = ""
        for i in 0..<lines {
            let second = String(format: "%02d", i % 60)
            switch i % 97 {
            case 13: text += "\n"
            case 29: text += "not a log line at all \(i)\n"
            case 41:
                text +=
                    "10.1.\(i % 250).1 - - [10/Oct/2000:13:55:\(second) -0700] \"GET /" + String(repeating: "x", count: 700) + " HTTP/1.1\" 200 1\n"
            case 53: text += "   \n"
            default:
                text +=
                    "10.0.\(i % 250).\(i % 7) - - [10/Oct/2000:13:\(String(format: "%02d", i / 60 % 60)):\(second) -0700] "
                    + "\"GET /p/\(i) HTTP/1.1\" \(200 + i % 5 * 100) \(i) \"http://r.example/\(i % 3)\" \"agent \(i % 11)\"\r\n"
            }
        }
        text += "10.9.9.9 - - [10/Oct/2000:14:00:00 -0700] \"GET /last HTTP/1.1\" 200 9 \"-\" \"end\""
        return Array(text.utf8)
    }

    @Test(arguments: [64, 1_000, 4_096, 1 << 20])
    func sameLinesAsOneReader(chunk: Int) throws {
        let bytes = Self.combinedInput(lines: 3_000)
        let reference = try Self.oneReader(bytes, .combined, limit: 512)
        #expect(reference.count == 3_001)
        #expect(reference.contains { $0.contains("malformed: line longer than 512 bytes") })
        for parsers in [1, 2, 3] {
            let seen = try Self.pipelined(bytes, .combined, limit: 512, chunk: chunk, parsers: parsers)
            #expect(Self.firstDifference(seen, reference) == nil, "chunk \(chunk), parsers \(parsers)")
        }
    }

    /// A tally of the lines handed out: how many, how many malformed, the sum of their numbers
    /// and statuses, and whether the tallies were appended in input order (each chunk's first
    /// line right after the last line counted before it).
    struct LinesTally: LineTally, Equatable {
        var lines = 0
        var malformed = 0
        var numbers = 0
        var statuses = 0
        var first = 0
        var last = 0
        var inOrder = true
        var recipe: Void { () }
        init(recipe: Void) {}
        init() {}
        mutating func add(_ line: LogReader.Line, _ parsed: ParsedLine) {
            if first == 0 { first = line.number }
            inOrder = inOrder && (last == 0 || line.number == last + 1)
            last = line.number
            lines += 1
            numbers += line.number
            if line.failure == nil { statuses += parsed.status } else { malformed += 1 }
        }
        mutating func append(_ later: Self) {
            inOrder = inOrder && later.inOrder && (last == 0 || later.first == last + 1)
            if first == 0 { first = later.first }
            last = later.last == 0 ? last : later.last
            (lines, malformed, numbers, statuses) = (
                lines + later.lines, malformed + later.malformed, numbers + later.numbers, statuses + later.statuses
            )
        }
    }

    /// The parsing threads' tallies, a tally per chunk appended in order, add up to the tally of
    /// one reader counting every line it hands out; the lines handed out are unchanged.
    @Test(arguments: [64, 4_096, 1 << 20])
    func aTallyMadeByTheParsingThreadsCountsEveryLineOnce(chunk: Int) throws {
        let bytes = Self.combinedInput(lines: 3_000)
        var reference = LinesTally()
        var reader = LogReader(source: MemorySource(bytes), name: "t", format: .combined, chunkSize: 4096, maxLineLength: 512)
        try reader.read { line, parsed in reference.add(line, parsed) }
        #expect(reference.lines == 3_001 && reference.malformed > 30 && reference.inOrder)
        for parsers in [1, 3] {
            var tally: LinesTally? = LinesTally()
            var seen: [String] = []
            try PipelinedLogReader(name: "t", format: .combined, parsers: parsers, chunkSize: chunk, maxLineLength: 512)
                .read(MemorySource(bytes), tally: &tally) { line, parsed in seen.append(Self.describe(line, parsed)) }
            #expect(tally == reference, "chunk \(chunk), parsers \(parsers)")
            #expect(Self.firstDifference(seen, try Self.oneReader(bytes, .combined, limit: 512)) == nil)
        }
    }

    @Test func jsonLinesAndAnOverlongLastLineWithoutNewline() throws {
        var text = ""
        for i in 0..<2_000 {
            text +=
                "{\"time\":\"2026-11-30T10:\(String(format: "%02d", i / 60 % 60)):00Z\",\"remote_addr\":\"10.0.0.\(i % 9)\",\"request\":\"GET /\\u00e9\(i) HTTP/1.1\",\"status\":\(200 + i % 3),\"body_bytes_sent\":\(i),\"request_time\":0.0\(i % 10)}\n"
            if i % 500 == 7 { text += "{\"broken\": \n" }
        }
        text += "{\"time\":\"" + String(repeating: "y", count: 900)
        let bytes = Array(text.utf8)
        let reference = try Self.oneReader(bytes, .json, limit: 600)
        #expect(reference.last?.hasSuffix("malformed: line longer than 600 bytes") == true)
        #expect(reference.filter { !$0.contains("malformed") }.count == 2_000)
        for (chunk, parsers) in [(128, 1), (3_000, 2), (1 << 20, 3)] {
            let seen = try Self.pipelined(bytes, .json, limit: 600, chunk: chunk, parsers: parsers)
            #expect(Self.firstDifference(seen, reference) == nil, "chunk \(chunk), parsers \(parsers)")
        }
    }

    @Test func anEmptyInputHandsOutNothing() throws {
        #expect(try Self.pipelined([], .combined, limit: 512, chunk: 64, parsers: 2).isEmpty)
    }

    struct Refused: Error, Equatable {}

    @Test func aConsumerErrorEndsTheReadAndIsRethrown() throws {
        let bytes = Self.combinedInput(lines: 20_000)
        for parsers in [1, 3] {
            var seen = 0
            let reader = PipelinedLogReader(name: "t", format: .combined, parsers: parsers, chunkSize: 256, maxLineLength: 512)
            #expect(throws: Refused.self) {
                try reader.read(MemorySource(bytes)) { line, _ in
                    seen += 1
                    #expect(line.number == seen)
                    if seen == 1_234 { throw Refused() }
                }
            }
            #expect(seen == 1_234)
        }
    }

    /// Gives `failAfter` bytes, then fails as a stopped read does.
    struct FailingSource: ByteSource {
        let inner: MemorySource
        var left: Int
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
            guard left > 0 else { throw InputError.stopped }
            let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, left)]))
            left -= n
            return n
        }
    }

    @Test func anInputErrorIsRethrownAfterTheLinesBeforeIt() throws {
        let bytes = Self.combinedInput(lines: 5_000)
        var seen = 0
        let reader = PipelinedLogReader(name: "t", format: .combined, parsers: 2, chunkSize: 1_000, maxLineLength: 512)
        let error = #expect(throws: InputError.self) {
            try reader.read(FailingSource(inner: MemorySource(bytes), left: bytes.count / 2)) { line, _ in
                seen += 1
                #expect(line.number == seen)
            }
        }
        #expect(error?.kind == .stopped)
        #expect(seen > 0 && seen < 5_000)
    }
}
