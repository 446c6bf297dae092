import Foundation
import Testing
import WeirTestSupport

@Suite(.serialized)
struct DemoProcessTests {
    @Test func demoRunsAndCleansUp() async throws {
        let result = try await WeirProcess.runAwaiting(["demo", "--duration", "12", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let dir = try #require(result.stderr.split(separator: " ").first { $0.hasSuffix("access.log") })
        #expect(!FileManager.default.fileExists(atPath: String(dir)))
        let stats = result.stdout.split(separator: "\n").filter { $0.contains("\"event\":\"stats\"") }
        #expect(stats.count >= 1)
        let hits = stats.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.compactMap { $0["hits"] as? Int }
            .reduce(0, +)
        #expect(hits > 50)
        // The service ran beside them: its address, and its first run over the demo log.
        #expect(result.stderr.contains("weir demo: service on http://127.0.0.1:"))
        #expect(result.stderr.contains("weir demo: dashboard: open http://127.0.0.1:"), "\(result.stderr)")
        #expect(result.stderr.contains("weir demo: service run 1 (scheduled) succeeded:"), "\(result.stderr)")
    }

    /// The burst (from second 20) becomes an incident, printed and sent to the webhook given.
    @Test func theBurstBecomesAnIncidentThatIsPrintedAndSent() async throws {
        let receiver = WebhookReceiver(secret: nil)
        try await receiver.start()
        let result = try await WeirProcess.runAwaiting(["demo", "--duration", "45", "--webhook", receiver.url])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("weir demo: service incident 1 opened: the site received up to"), "\(result.stderr)")
        let sent = receiver.accepted.withLock { $0 }
        #expect(sent.map(\.event).contains("incident.opened"), "\(sent.map(\.event))")
        #expect(Set(sent.map(\.id)).count == sent.count)
        await receiver.stop()
    }
}
