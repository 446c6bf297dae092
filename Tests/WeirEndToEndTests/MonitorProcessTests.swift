import Foundation
import Testing

/// `weir generate` and `weir monitor` as two processes on one temporary `test.log`, with a short
/// interval and window so each case takes seconds.
@Suite(.serialized)
struct MonitorProcessTests {
    /// Starts `weir monitor`, then `weir generate` into the same file, and returns the monitor's
    /// JSON events once both have finished.
    func runSideBySide(generator: [String], monitor: [String], monitorSeconds: Double) throws -> [[String: Any]] {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("test.log").path
        let mon = Process()
        mon.executableURL = WeirProcess.executable
        mon.arguments = ["monitor", "-f", log, "--json", "--duration", String(monitorSeconds)] + monitor
        let out = Pipe()
        mon.standardOutput = out
        mon.standardError = FileHandle.nullDevice
        try mon.run()
        let gen = try WeirProcess.run(["generate", "-f", log] + generator)
        #expect(gen.status == 0, "\(gen.stderr)")
        let data = out.fileHandleForReading.readDataToEndOfFile()
        mon.waitUntilExit()
        #expect(mon.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func kinds(_ events: [[String: Any]]) -> [String] {
        events.compactMap { $0["event"] as? String }.filter { $0 != "stats" }
    }

    @Test func normalTrafficGivesNoAlert() throws {
        let events = try runSideBySide(generator: ["-d", "4", "--rate", "5"], monitor: ["-t", "20", "--interval", "1", "--window", "3"], monitorSeconds: 6)
        #expect(kinds(events).isEmpty)
        let hits = events.filter { $0["event"] as? String == "stats" }.compactMap { $0["hits"] as? Int }.reduce(0, +)
        #expect(hits >= 15 && hits <= 25)
    }

    @Test func highTrafficAlertsThenRecoversWhenItStops() throws {
        let events = try runSideBySide(generator: ["-d", "4", "--rate", "100"], monitor: ["-t", "20", "--interval", "1", "--window", "3"], monitorSeconds: 10)
        #expect(kinds(events) == ["alert", "recovered"])
        let alert = try #require(events.first { $0["event"] as? String == "alert" })
        #expect((alert["avg"] as? Double ?? 0) > 20)
        #expect((alert["threshold"] as? Double) == 20)
    }

    @Test func highTrafficStillRunningIsStillAlerting() throws {
        let events = try runSideBySide(generator: ["-d", "5", "--rate", "100"], monitor: ["-t", "20", "--interval", "1", "--window", "3"], monitorSeconds: 5)
        #expect(kinds(events) == ["alert"])
    }

    @Test func replayOfTheRealSampleEndsAndExitsZero() throws {
        let result = try WeirProcess.run(["monitor", "-f", WeirProcess.samplePath, "--replay", "--json", "-t", "0.5"])
        #expect(result.status == 0)
        let events = result.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let hits = events.filter { $0["event"] as? String == "stats" }.compactMap { $0["hits"] as? Int }.reduce(0, +)
        // Every line once, counted in its own interval or reported late (the sample is not sorted).
        let late = events.compactMap { $0["late"] as? Int }.reduce(0, +)
        #expect(hits + late == 10_000)
        #expect(kinds(events).first == "alert")
    }

    @Test func badMonitorFlagsGiveOneLine() throws {
        for args in [["monitor", "--interval", "0"], ["monitor", "--replay", "--from-start"], ["monitor", "-t", "abc"]] {
            let r = try WeirProcess.run(args)
            #expect(r.status != 0)
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
    }
}

@Suite(.serialized)
struct DemoProcessTests {
    @Test func demoRunsAndCleansUp() throws {
        let result = try WeirProcess.run(["demo", "--duration", "12", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let dir = try #require(result.stderr.split(separator: " ").first { $0.hasSuffix("access.log") })
        #expect(!FileManager.default.fileExists(atPath: String(dir)))
        let stats = result.stdout.split(separator: "\n").filter { $0.contains("\"event\":\"stats\"") }
        #expect(stats.count >= 1)
        let hits = stats.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.compactMap { $0["hits"] as? Int }.reduce(0, +)
        #expect(hits > 50)
        // The service ran beside them: its address, and its first run over the demo log.
        #expect(result.stderr.contains("weir demo: service on http://127.0.0.1:"))
        #expect(result.stderr.contains("weir demo: service run 1 (scheduled) succeeded:"), "\(result.stderr)")
    }
}

@Suite(.serialized)
struct MonitorFileHandlingProcessTests {
    func line(_ i: Int, _ t: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "dd/MMM/yyyy:HH:mm:ss"
        return "10.0.0.\(i % 250) - - [\(f.string(from: t)) +0000] \"GET /item/\(i) HTTP/1.1\" 200 \(i) \"-\" \"test\"\n"
    }

    func append(_ path: String, _ text: String) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        try h.close()
    }

    /// Half-written lines, a truncation and a rotation while the monitor runs: every line is
    /// counted once (in a block or as late), none twice.
    @Test func everyLineCountedOnceThroughTruncationAndRotation() throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("test.log").path
        let mon = Process()
        mon.executableURL = WeirProcess.executable
        mon.arguments = ["monitor", "-f", log, "--json", "--duration", "5", "--interval", "1", "-t", "1000"]
        let out = Pipe()
        mon.standardOutput = out
        mon.standardError = FileHandle.nullDevice
        try mon.run()
        var written = 0
        func write(_ count: Int, split: Bool) throws {
            for _ in 0..<count {
                let text = line(written, Date())
                if split {
                    let mid = text.index(text.startIndex, offsetBy: text.count / 2)
                    try append(log, String(text[..<mid]))
                    usleep(30_000)
                    try append(log, String(text[mid...]))
                } else {
                    try append(log, text)
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
        try append(log + ".1", line(written, Date())); written += 1
        try write(25, split: true)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        mon.waitUntilExit()
        #expect(mon.terminationStatus == 0)
        let events = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let counted = events.filter { $0["event"] as? String == "stats" }
            .map { ($0["hits"] as? Int ?? 0) + ($0["late"] as? Int ?? 0) }.reduce(0, +)
        #expect(counted == written)
        #expect(events.compactMap { $0["malformed"] as? Int }.reduce(0, +) == 0)
    }
}
