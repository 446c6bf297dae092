import Foundation
import Testing
import WeirTestSupport

/// `weir monitor --webhook`: the console monitor's alerts and recoveries reach a receiver, signed,
/// in order, and a receiver that is down is said once on stderr without holding up the output.
struct MonitorNotifyProcessTests {
    @Test func alertsAndRecoveriesAreSentSignedAndADownReceiverIsSaidOnce() async throws {
        let receiver = WebhookReceiver(secret: "monitor-secret")
        try await receiver.start()
        let closed = WebhookReceiver(secret: nil)
        try await closed.start()
        let closedURL = closed.url
        await closed.stop()
        // The first 2,000 lines of the real sample: alerts and recoveries at 0.5 requests/s.
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("access.log").path
        let sample = try String(contentsOfFile: WeirProcess.samplePath, encoding: .utf8)
        try (sample.split(separator: "\n").prefix(2_000).joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let result = try await WeirProcess.runAwaiting([
            "monitor", "-f", log, "--replay", "--json", "-t", "0.5",
            "--webhook", receiver.url, "--webhook-secret", "monitor-secret", "--webhook", closedURL,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let printed = result.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["event"] as? String
        }.filter { $0 != "stats" }
        #expect(printed.count >= 2 && printed.first == "alert")
        let sent = receiver.accepted.withLock { $0 }
        #expect(sent.map(\.event) == printed.map { $0 == "alert" ? "monitor.alert" : "monitor.recovered" }, "\(result.stderr)")
        #expect(sent.allSatisfy { $0.signatureValid })
        #expect(sent.first?.body["incident"]?["rule"]?.stringValue == "high_traffic")
        #expect(sent.first?.body["task"]?["name"]?.stringValue == log)
        #expect(Set(sent.map(\.id)).count == sent.count, "each event its own delivery id")
        let downLines = result.stderr.split(separator: "\n").filter { $0.contains(closedURL) && $0.contains("will be retried") }
        #expect(downLines.count == 1, "\(result.stderr)")
        await receiver.stop()

        let bad = try await WeirProcess.runAwaiting(["monitor", "--webhook", "ftp://x/y"])
        #expect(bad.status != 0 && bad.stderr.contains("--webhook has the scheme \"ftp\""), "\(bad.stderr)")
    }
}
