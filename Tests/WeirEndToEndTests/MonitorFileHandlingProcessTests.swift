import Foundation
import Testing
import WeirTestSupport

@Suite(.serialized)
struct MonitorFileHandlingProcessTests {
    func line(_ i: Int, _ t: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "dd/MMM/yyyy:HH:mm:ss"
        return "10.0.0.\(i % 250) - - [\(f.string(from: t)) +0000] \"GET /item/\(i) HTTP/1.1\" 200 \(i) \"-\" \"test\"\n"
    }

    /// Half-written lines, a truncation and a rotation while the monitor runs: every line is
    /// counted once (in a block or as late), none twice.
    @Test func everyLineCountedOnceThroughTruncationAndRotation() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("test.log").path
        let (status, data, written) = try await WeirProcess.onThread { try self.writeWhileMonitoring(log) }
        #expect(status == 0)
        let events = Self.events(data)
        let counted = events.filter { $0["event"] as? String == "stats" }
            .map { ($0["hits"] as? Int ?? 0) + ($0["late"] as? Int ?? 0) }.reduce(0, +)
        #expect(counted == written)
        #expect(events.compactMap { $0["malformed"] as? Int }.reduce(0, +) == 0)
    }

    /// An IIS log followed live: its directive lines are not malformed, its `#Fields:` line is
    /// recognised with the first lines, and a second `#Fields:` line redefines the rest.
    @Test func aW3CLogIsFollowedThroughItsDirectives() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("u_ex.log").path
        let (status, data) = try await WeirProcess.onThread { () -> (Int32, Data) in
            // From the start: a monitor slow to start on a loaded machine must not take the first
            // lines as already there before it (this test is about the directives).
            let (mon, out) = try Self.startMonitor(log, seconds: 3, fromStart: true)
            usleep(300_000)
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd HH:mm:ss"
            var text = "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n"
            text += "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) "
            text += "sc-status sc-substatus sc-win32-status time-taken\n"
            for i in 0..<10 { text += "\(f.string(from: Date())) 10.0.0.5 GET /p/\(i) - 443 - 203.0.113.\(i) curl/8 - 200 0 0 12\n" }
            try TestFile.append(log, text)
            usleep(1_200_000)
            var more = "#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-bytes time-taken\n"
            for i in 0..<5 { more += "\(f.string(from: Date())) 203.0.113.\(i) GET /q/\(i) 404 100 3\n" }
            try TestFile.append(log, more)
            let data = out.fileHandleForReading.readDataToEndOfFile()
            mon.waitUntilExit()
            return (mon.terminationStatus, data)
        }
        #expect(status == 0)
        let counted = Self.counted(data)
        #expect(counted.requests == 15, "\(counted.events)")
        #expect(counted.malformed == 0, "\(counted.events)")
    }

    /// `weir monitor` following `log` for `seconds`, with JSON output on the returned pipe.
    /// A container's log as the node keeps it (CRI lines) followed live: the lines inside are
    /// counted, a long line written in two parts, across two appends, once.
    @Test func aContainerLogIsFollowedThroughItsEnvelope() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("web-0_default_nginx-0123.log").path
        let (status, data) = try await WeirProcess.onThread { () -> (Int32, Data) in
            let (mon, out) = try Self.startMonitor(log, seconds: 3, fromStart: true)
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
            func line(_ i: Int) -> String { "203.0.113.\(i) - - [\(f.string(from: Date()))] \"GET /p/\(i) HTTP/1.1\" 200 \(i) \"-\" \"curl/8\"" }
            let stamp = "2026-12-06T10:00:00.123456789Z stdout"
            try TestFile.append(log, (0..<10).map { "\(stamp) F \(line($0))\n" }.joined())
            usleep(800_000)
            let long = line(10)
            try TestFile.append(log, "\(stamp) P \(long.prefix(25))\n")
            usleep(800_000)
            try TestFile.append(log, "\(stamp) F \(long.dropFirst(25))\n" + (11..<15).map { "\(stamp) F \(line($0))\n" }.joined())
            let data = out.fileHandleForReading.readDataToEndOfFile()
            mon.waitUntilExit()
            return (mon.terminationStatus, data)
        }
        #expect(status == 0)
        let counted = Self.counted(data)
        #expect(counted.requests == 15, "\(counted.events)")
        #expect(counted.malformed == 0, "\(counted.events)")
    }

    static func startMonitor(_ log: String, seconds: Int, fromStart: Bool = false) throws -> (Process, Pipe) {
        let mon = Process()
        mon.executableURL = WeirProcess.executable
        mon.arguments =
            ["monitor", "-f", log, "--json", "--duration", "\(seconds)", "--interval", "1", "-t", "1000"] + (fromStart ? ["--from-start"] : [])
        let out = Pipe()
        mon.standardOutput = out
        mon.standardError = FileHandle.nullDevice
        try SerialSpawn.run(mon)
        return (mon, out)
    }

    /// The requests (on time or late) and malformed lines the monitor's stats blocks counted, and
    /// its events.
    static func counted(_ data: Data) -> (requests: Int, malformed: Int, events: [[String: Any]]) {
        let events = Self.events(data)
        let stats = events.filter { $0["event"] as? String == "stats" }
        return (
            stats.map { ($0["hits"] as? Int ?? 0) + ($0["late"] as? Int ?? 0) }.reduce(0, +),
            stats.compactMap { $0["malformed"] as? Int }.reduce(0, +),
            events
        )
    }

    /// The monitor's JSON events.
    static func events(_ data: Data) -> [[String: Any]] {
        String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Runs the monitor on `log` for 5 s while lines are written, truncated and rotated under it,
    /// timed by blocking sleeps on the caller's thread; returns its exit status, its output and
    /// the number of lines written.
    func writeWhileMonitoring(_ log: String) throws -> (Int32, Data, Int) {
        let (mon, out) = try Self.startMonitor(log, seconds: 5)
        var written = 0
        func write(_ count: Int, split: Bool) throws {
            for _ in 0..<count {
                let text = line(written, Date())
                if split {
                    let mid = text.index(text.startIndex, offsetBy: text.count / 2)
                    try TestFile.append(log, String(text[..<mid]))
                    usleep(30_000)
                    try TestFile.append(log, String(text[mid...]))
                } else {
                    try TestFile.append(log, text)
                }
                written += 1
            }
        }
        usleep(300_000)
        try write(20, split: true)
        usleep(300_000)
        // Truncate (copytruncate-style rotation), then keep writing.
        try FileHandle(forWritingTo: URL(fileURLWithPath: log)).truncate(atOffset: 0)
        usleep(300_000)
        try write(15, split: false)
        usleep(300_000)
        // Rename away and replace (create-style rotation); a last line lands in the old file.
        try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
        try TestFile.append(log + ".1", line(written, Date()))
        written += 1
        try write(25, split: true)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        mon.waitUntilExit()
        return (mon.terminationStatus, data, written)
    }
}
