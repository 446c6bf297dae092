import Foundation
import Testing
import WeirTestSupport

/// `weir generate` and `weir monitor` as two processes on one temporary `test.log`, with a short
/// interval and window so each case takes seconds.
@Suite(.serialized)
struct MonitorProcessTests {
    /// Starts `weir monitor`, then `weir generate` into the same file, and returns the monitor's
    /// JSON events once both have finished.
    func runSideBySide(generator: [String], monitor: [String], monitorSeconds: Double) async throws -> [[String: Any]] {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("test.log").path
        let mon = Process()
        mon.executableURL = WeirProcess.executable
        mon.arguments = ["monitor", "-f", log, "--json", "--duration", String(monitorSeconds)] + monitor
        let out = Pipe()
        mon.standardOutput = out
        mon.standardError = FileHandle.nullDevice
        try SerialSpawn.run(mon)
        let gen = try await WeirProcess.runAwaiting(["generate", "-f", log] + generator)
        #expect(gen.status == 0, "\(gen.stderr)")
        let data = await WeirProcess.output(of: mon, through: out)
        #expect(mon.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func kinds(_ events: [[String: Any]]) -> [String] {
        events.compactMap { $0["event"] as? String }.filter { $0 != "stats" }
    }

    @Test func normalTrafficGivesNoAlert() async throws {
        let events = try await runSideBySide(
            generator: ["-d", "4", "--rate", "5"],
            monitor: ["-t", "20", "--interval", "1", "--window", "3"],
            monitorSeconds: 6
        )
        #expect(kinds(events).isEmpty)
        let hits = events.filter { $0["event"] as? String == "stats" }.compactMap { $0["hits"] as? Int }.reduce(0, +)
        #expect(hits >= 15 && hits <= 25)
    }

    @Test func highTrafficAlertsThenRecoversWhenItStops() async throws {
        let events = try await runSideBySide(
            generator: ["-d", "4", "--rate", "100"],
            monitor: ["-t", "20", "--interval", "1", "--window", "3"],
            monitorSeconds: 10
        )
        #expect(kinds(events) == ["alert", "recovered"])
        let alert = try #require(events.first { $0["event"] as? String == "alert" })
        #expect((alert["avg"] as? Double ?? 0) > 20)
        #expect((alert["threshold"] as? Double) == 20)
    }

    @Test func highTrafficStillRunningIsStillAlerting() async throws {
        let events = try await runSideBySide(
            generator: ["-d", "5", "--rate", "100"],
            monitor: ["-t", "20", "--interval", "1", "--window", "3"],
            monitorSeconds: 5
        )
        #expect(kinds(events) == ["alert"])
    }

    @Test func replayOfTheRealSampleEndsAndExitsZero() async throws {
        let result = try await WeirProcess.runAwaiting(["monitor", "-f", WeirProcess.samplePath, "--replay", "--json", "-t", "0.5"])
        #expect(result.status == 0)
        let events = result.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let hits = events.filter { $0["event"] as? String == "stats" }.compactMap { $0["hits"] as? Int }.reduce(0, +)
        // Every line once, counted in its own interval or reported late (the sample is not sorted).
        let late = events.compactMap { $0["late"] as? Int }.reduce(0, +)
        #expect(hits + late == 10_000)
        #expect(kinds(events).first == "alert")
    }

    @Test func badMonitorFlagsGiveOneLine() async throws {
        for args in [["monitor", "--interval", "0"], ["monitor", "--replay", "--from-start"], ["monitor", "-t", "abc"]] {
            let r = try await WeirProcess.runAwaiting(args)
            #expect(r.status != 0)
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
    }
}
