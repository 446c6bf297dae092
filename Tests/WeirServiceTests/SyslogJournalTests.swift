import Foundation
import Testing
import WeirCore
import WeirLog
import WeirSources
import WeirTestSupport

/// The journal a syslog listener writes and the runs that read it: every line once, the host
/// name as the virtual host, and over the bound, the oldest lines dropped and counted to the line.
struct SyslogJournalTests {
    /// What a run took: lines, the last line's path, the virtual hosts seen.
    struct Taken: RecordConsumer {
        var lines = 0
        var malformed = 0
        var lastPath = ""
        var hosts = Set<String>()

        mutating func consume(_ line: LogReader.Line, _ parsed: inout ParsedLine) {
            lines += 1
            guard line.failure == nil else {
                malformed += 1
                return
            }
            lastPath = String(decoding: line.bytes[parsed.target.start..<parsed.target.end], as: UTF8.self)
            if parsed.fields.contains(.host) { hosts.insert(String(decoding: line.bytes[parsed.host.start..<parsed.host.end], as: UTF8.self)) }
        }
    }

    static func batch(_ range: Range<Int>) -> SyslogLines {
        var lines = SyslogLines(keepsHost: true)
        for message in SyslogTaskTests.messages(range.count, from: range.lowerBound) { message.withUnsafeBytes { lines.add($0) } }
        return lines
    }

    func read(_ source: SyslogJournalSource, after checkpoint: String?) async throws -> (Taken, SourceRead) {
        var taken = Taken()
        let read = try await source.read(after: checkpoint, shouldStop: { false }, into: &taken)
        return (taken, read)
    }

    @Test(arguments: ["combined", "auto"])
    func runsReadEveryLineOnceAndCountWhatTheBoundDropped(format: String) async throws {
        let root = TemporaryFolder.path("weir-journal")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let address = try SyslogAddress("udp://127.0.0.1:5514")
        let source = SyslogJournalSource(
            address: address,
            format: format == "auto" ? nil : try LogFormat.parse(format),
            hostnameAsVhost: true,
            root: root,
            listenerProblem: { _ in nil }
        )
        let nothing = try await read(source, after: nil)
        #expect(nothing.0.lines == 0 && nothing.1.notes == ["nothing has been received on udp://127.0.0.1:5514 yet"])

        let journal = try SyslogJournal(folder: source.folder, maxBytes: 1 << 16)
        for start in stride(from: 0, to: 100, by: 10) { try journal.append(Self.batch(start..<(start + 10))) }
        let (first, firstRead) = try await read(source, after: nothing.1.checkpoint)
        #expect(first.lines == 100 && first.malformed == 0 && first.lastPath == "/p/99")
        #expect(first.hosts == ["web-0", "web-1", "web-2"])
        #expect(firstRead.notes.isEmpty && firstRead.droppedLines == 0)

        // 3,000 lines of about 130 bytes: far over 64 KiB, so the oldest segments go.
        for start in stride(from: 100, to: 3_100, by: 10) { try journal.append(Self.batch(start..<(start + 10))) }
        let (second, secondRead) = try await read(source, after: firstRead.checkpoint)
        #expect(secondRead.droppedLines > 0)
        let accounted = Int64(second.lines) + secondRead.droppedLines
        #expect(accounted == 3_000, "\(second.lines) read, \(secondRead.droppedLines) dropped")
        #expect(second.lastPath == "/p/3099" && second.malformed == 0)
        #expect(secondRead.notes.contains { $0.hasPrefix("\(secondRead.droppedLines) lines received on udp://127.0.0.1:5514 were dropped") })
        let (third, thirdRead) = try await read(source, after: secondRead.checkpoint)
        #expect(third.lines == 0 && thirdRead.droppedLines == 0 && thirdRead.notes.isEmpty)

        // A journal made anew (its folder removed): read from its start, and said.
        journal.close()
        try FileManager.default.removeItem(atPath: source.folder)
        let fresh = try SyslogJournal(folder: source.folder, maxBytes: 1 << 20)
        try fresh.append(Self.batch(5_000..<5_005))
        let (fourth, fourthRead) = try await read(source, after: thirdRead.checkpoint)
        #expect(fourth.lines == 5 && fourth.lastPath == "/p/5004")
        #expect(fourthRead.notes.contains { $0.contains("is not the one the last run read") })
    }

    @Test func aJournalReopenedAppendsWhereItWas() async throws {
        let root = TemporaryFolder.path("weir-journal")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = SyslogJournalSource(
            address: try SyslogAddress("tcp://127.0.0.1:6514"),
            format: .combined,
            hostnameAsVhost: false,
            root: root,
            listenerProblem: { _ in nil }
        )
        var checkpoint: String?
        var total = 0
        for round in 0..<3 {
            let journal = try SyslogJournal(folder: source.folder, maxBytes: 1 << 30)
            try journal.append(Self.batch((round * 50)..<(round * 50 + 50)))
            journal.close()
            let (taken, read) = try await read(source, after: checkpoint)
            #expect(taken.lines == 50 && taken.hosts.isEmpty && taken.lastPath == "/p/\(round * 50 + 49)")
            checkpoint = read.checkpoint
            total += taken.lines
        }
        #expect(total == 150)
        #expect(SyslogJournal.segmentNumbers(in: source.folder) == [1])
    }
}
