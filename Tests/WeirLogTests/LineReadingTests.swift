import Foundation
import Testing
import WeirTestSupport

@testable import WeirLog

struct LineReadingTests {
    /// Lines come out whole and in order wherever the chunk boundaries fall.
    @Test func splitterAcrossEveryChunkBoundary() {
        let text = Array("alpha\nbeta\r\n\ngamma delta\nlast-without-newline".utf8)
        for cut in 0...text.count {
            var splitter = LineSplitter()
            var lines: [String] = []
            text.withUnsafeBytes { raw in
                splitter.consume(UnsafeRawBufferPointer(rebasing: raw[0..<cut])) {
                    lines.append(String(decoding: $0, as: UTF8.self))
                    #expect(!$1)
                }
                splitter.consume(UnsafeRawBufferPointer(rebasing: raw[cut...])) {
                    lines.append(String(decoding: $0, as: UTF8.self))
                    #expect(!$1)
                }
            }
            #expect(lines == ["alpha", "beta\r", "", "gamma delta"])
            #expect(splitter.pendingByteCount == "last-without-newline".utf8.count)
            splitter.finish {
                lines.append(String(decoding: $0, as: UTF8.self))
                _ = $1
            }
            #expect(lines.last == "last-without-newline")
        }
    }

    @Test func overlongLinesAreCutAndFlagged() {
        var splitter = LineSplitter(maxLineLength: 8)
        var seen: [(String, Bool)] = []
        for chunk in ["short\n0123456789", "ABCDEF\nok\n", "0123456789\n"] {
            Array(chunk.utf8).withUnsafeBytes { splitter.consume($0) { seen.append((String(decoding: $0, as: UTF8.self), $1)) } }
        }
        #expect(seen.map(\.0) == ["short", "01234567", "ok", "01234567"])
        #expect(seen.map(\.1) == [false, true, false, true])
    }

    @Test func readerNumbersLinesAndReportsFailures() throws {
        let log = """
            1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "-"
            not a log line
            1.2.3.4 - - [10/Oct/2000:13:55:37 +0000] "GET /b HTTP/1.1" 404 1 "-" "-"

            1.2.3.4 - - [10/Oct/2000:13:55:38 +0000] "GET /c HTTP/1.1" 500 1 "-" "-"
            """
        var reader = LogReader(source: MemorySource(log), name: "mem", format: nil, chunkSize: 7)
        var outcomes: [(Int, String?)] = []
        try reader.read { line, parsed in outcomes.append((line.number, line.failure?.kind)) }
        #expect(reader.format?.name == "combined")
        #expect(outcomes.map(\.0) == [1, 2, 3, 4, 5])
        #expect(outcomes.map(\.1) == [nil, "unexpected_text", nil, "empty_line", nil])
    }

    @Test func readerRejectsUnknownFormats() {
        var reader = LogReader(source: MemorySource("root:x:0:0\ndaemon:x:1:1\n"), name: "passwd", format: nil)
        #expect(throws: InputError.self) { try reader.read { _, _ in } }
    }

    @Test func gzipInputIsDecompressed() throws {
        let dir = try TemporaryFolder.make("weir-gz")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("a.log")
        var text = ""
        for i in 0..<5000 { text += "10.0.0.\(i % 7) - - [10/Oct/2000:13:55:36 +0000] \"GET /p/\(i) HTTP/1.1\" 200 \(i) \"-\" \"-\"\n" }
        try text.write(to: plain, atomically: true, encoding: .utf8)
        // Two gzip members back to back, as `cat a.gz b.gz` makes.
        let gz = dir.appendingPathComponent("a.log.gz")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "gzip -c '\(plain.path)' > '\(gz.path)' && gzip -c '\(plain.path)' >> '\(gz.path)'"]
        try SerialSpawn.run(shell)
        shell.waitUntilExit()
        var reader = LogReader(source: try LogInput.open(gz.path), name: gz.path, format: nil)
        var count = 0
        var bytes: Int64 = 0
        try reader.read { line, parsed in
            #expect(line.failure == nil)
            count += 1
            bytes += parsed.bytes
        }
        #expect(count == 10_000)
        #expect(bytes == 2 * (0..<5000).reduce(0, +))
    }

    @Test func missingFilesSayWhat() {
        #expect(throws: InputError.self) { _ = try LogInput.open("/nonexistent/access.log") }
        do { _ = try LogInput.open("/") } catch { #expect(error.description.contains("directory")) }
    }
}
