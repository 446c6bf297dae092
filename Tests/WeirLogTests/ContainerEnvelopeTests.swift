import Foundation
import Testing
import WeirTestSupport

@testable import WeirLog

/// Lines in a container runtime's envelope (CRI, Docker's json-file) are read as the lines the
/// container wrote, whatever their format, with long lines' parts joined.
struct ContainerEnvelopeTests {
    static let combined = [
        #"203.0.113.7 - - [06/Dec/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 512 "-" "curl/8""#,
        #"203.0.113.8 - - [06/Dec/2026:10:00:01 +0000] "POST /login?next=%2F HTTP/1.1" 401 12 "https://example.org/" "Mozilla/5.0 (X11; Linux) \"quoted\"""#,
        #"2001:db8::1 - - [06/Dec/2026:10:00:02 +0000] "GET /é HTTP/1.1" 404 0 "-" "bot/1""#,
    ]

    static func cri(_ line: String, stream: String = "stdout", tag: String = "F") -> String {
        "2026-12-06T10:00:00.123456789Z \(stream) \(tag) \(line)\n"
    }

    static func docker(_ line: String, newline: Bool = true) -> String {
        let escaped = line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "é", with: "\\u00e9")
        return #"{"log":"\#(escaped)\#(newline ? "\\n" : "")","stream":"stdout","time":"2026-12-06T10:00:00.123456789Z"}"# + "\n"
    }

    /// The lines a reader hands on, as (client, target, user agent) and failures.
    func read(_ text: String, format: LogFormat? = nil) throws -> (records: [LogRecord], failures: [ParseFailure], envelope: ContainerEnvelope?) {
        var reader = LogReader(source: MemorySource(Array(text.utf8)), name: "test", format: format)
        var records: [LogRecord] = []
        var failures: [ParseFailure] = []
        try reader.read { line, parsed in
            if let failure = line.failure { failures.append(failure) } else { records.append(LogRecord(parsed, line: line.bytes)) }
        }
        return (records, failures, reader.envelope)
    }

    @Test(arguments: [nil, LogFormat.combined])
    func criLinesAreReadAsTheLinesInside(format: LogFormat?) throws {
        let text = Self.combined.map { Self.cri($0) }.joined() + Self.cri(Self.combined[0], stream: "stderr")
        let (records, failures, envelope) = try read(text, format: format)
        #expect(envelope == .cri)
        #expect(failures.isEmpty)
        let plain = try read((Self.combined + [Self.combined[0]]).map { $0 + "\n" }.joined()).records
        #expect(records == plain)
        #expect(records.map(\.client) == ["203.0.113.7", "203.0.113.8", "2001:db8::1", "203.0.113.7"])
    }

    @Test func aLongCRILineInPartsIsOneLine() throws {
        let long = Self.combined[1]
        let cut1 = long.index(long.startIndex, offsetBy: 20)
        let cut2 = long.index(long.startIndex, offsetBy: 70)
        let text =
            Self.cri(Self.combined[0]) + Self.cri(String(long[..<cut1]), tag: "P") + Self.cri(String(long[cut1..<cut2]), tag: "P")
            + Self.cri(String(long[cut2...])) + Self.cri(Self.combined[2])
        let (records, failures, _) = try read(text)
        #expect(failures.isEmpty)
        #expect(records.map(\.client) == ["203.0.113.7", "203.0.113.8", "2001:db8::1"])
        #expect(records[1].target == "/login?next=%2F")
    }

    @Test func dockerJSONLinesAreDecodedAndJoined() throws {
        let long = Self.combined[1]
        let cut = long.index(long.startIndex, offsetBy: 30)
        let text =
            Self.docker(Self.combined[0]) + Self.docker(String(long[..<cut]), newline: false) + Self.docker(String(long[cut...]))
            + Self.docker(Self.combined[2])
        let (records, failures, envelope) = try read(text)
        #expect(envelope == .dockerJSON)
        #expect(failures.isEmpty)
        #expect(records == (try read(Self.combined.map { $0 + "\n" }.joined()).records))
        #expect(records[2].target == "/é")
    }

    @Test func aLineOutsideTheEnvelopeIsMalformedNotLost() throws {
        let text = Self.cri(Self.combined[0]) + "garbage that is no CRI line\n" + Self.cri(Self.combined[2])
        let (records, failures, _) = try read(text)
        #expect(records.count == 2)
        #expect(failures.count == 1)
    }

    @Test func ingressNginxIsDetectedInsideCRIWithTheUpstreamAsVirtualHost() throws {
        let lines = (0..<5).map { i in
            #"10.244.0.\#(i) - - [06/Dec/2026:10:00:0\#(i) +0000] "GET /shop/\#(i) HTTP/1.1" 200 \#(100 + i) "-" "curl/8.4.0" 78 0.00\#(i + 1) [default-shop-80] [] 10.244.1.5:8080 \#(100 + i) 0.00\#(i + 1) 200 5b6d2f1c9e0a4b7c8d9e0f1a2b3c4d5e"#
        }
        var reader = LogReader(source: MemorySource(Array(lines.map { Self.cri($0) }.joined().utf8)), name: "ingress", format: nil)
        var records: [LogRecord] = []
        try reader.read { line, parsed in
            #expect(line.failure == nil)
            records.append(LogRecord(parsed, line: line.bytes))
        }
        #expect(reader.format?.name == "ingress-nginx")
        #expect(records.count == 5)
        #expect(records.allSatisfy { $0.host == "default-shop-80" })
        #expect(records[2].durationMicros == 3000)
    }

    /// A task's run reads a CRI file up to its last whole entry: a long line whose last part is
    /// not written yet waits for the next run, which reads it once, whole.
    @Test func runsWaitForALongLinesLastPart() throws {
        let dir = try TemporaryFolder.make("weir-cri")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("web.log").path
        let long = Self.combined[1]
        let cut = long.index(long.startIndex, offsetBy: 25)
        try (Self.cri(Self.combined[0]) + Self.cri(String(long[..<cut]), tag: "P")).write(toFile: path, atomically: false, encoding: .utf8)
        func run(after checkpoint: FileCheckpoint?) throws -> ([String], FileCheckpoint) {
            var clients: [String] = []
            let outcome = try IncrementalFileReader(path: path, format: nil).read(after: checkpoint) { line, parsed in
                #expect(line.failure == nil)
                clients.append(LogRecord(parsed, line: line.bytes).client ?? "")
            }
            return (clients, outcome.checkpoint)
        }
        var (clients, checkpoint) = try run(after: nil)
        #expect(clients == ["203.0.113.7"])
        #expect(checkpoint.offset == Int64(Self.cri(Self.combined[0]).utf8.count))
        try TestFile.append(path, Self.cri(String(long[cut...])) + Self.cri(Self.combined[2]))
        (clients, checkpoint) = try run(after: checkpoint)
        #expect(clients == ["203.0.113.8", "2001:db8::1"])
        (clients, _) = try run(after: checkpoint)
        #expect(clients.isEmpty)
    }
}
