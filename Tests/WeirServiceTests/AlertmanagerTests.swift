import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WeirCore
import WeirLog
import WeirModel
import WeirService
import WeirStore
import WeirTestSupport

/// A task's incident reaches a real Alertmanager (started by `scripts/test`, named by
/// `TEST_ALERTMANAGER_URL`), is listed there with Weir's labels, goes through Alertmanager's own
/// route to its webhook receiver (this test, on `TEST_ALERTMANAGER_RECEIVER_PORT`), and resolves
/// there when the incident resolves. Without that Alertmanager the test fails; it never skips.
struct AlertmanagerTests {
    static func environment(_ key: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[key], !value.isEmpty else {
            throw TestEnvironmentError(description: "\(key) is not set: run the tests with ./scripts/test, which starts Alertmanager on loopback")
        }
        return value
    }

    /// Alertmanager's alerts with `key` as their `key` label.
    static func alerts(_ base: String, key: String) async throws -> [JSONValue] {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(base)/api/v2/alerts"), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 22)
        let all = try StrictJSONParser.parse(Array(body.readableBytesView)).arrayValue ?? []
        return all.filter { $0["labels"]?["key"]?.stringValue == key }
    }

    /// Polls `condition` every 200 ms for up to `seconds`.
    static func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }

    @Test func anIncidentFiresInAlertmanagerAndResolvesThere() async throws {
        let base = try Self.environment("TEST_ALERTMANAGER_URL")
        let receiverPort = try #require(Int(try Self.environment("TEST_ALERTMANAGER_RECEIVER_PORT")))
        let receiver = WebhookReceiver(secret: nil)
        try await receiver.start(port: receiverPort)
        // Alertmanager lives in wall time: the service's clock starts at the real now.
        let now = Int64(Date().timeIntervalSince1970)
        let harness = try await Harness.make(clock: ManualClock(now))
        defer { harness.remove() }
        let client = "192.0.2.\(Int.random(in: 10...250))"  // a key of this run's own
        let log = "\(harness.directory)/access.log"
        try NotificationTests.line(client, now - 30, path: "/admin").write(toFile: log, atomically: true, encoding: .utf8)
        try await harness.withRouter { api in
            let channel = try await api.request(
                .post,
                "/channels",
                #"{"name":"am","type":"alertmanager","url":"\#(base)","labels":{"team":"web"}}"#
            )
            let channelID = try #require(channel.json["id"]?.integerValue, "\(channel.text)")
            let body =
                String(Harness.taskBody(path: log, name: "edge", next: Timestamps.rfc3339(now + 60)).dropLast())
                + #","notify":{"channels":[\#(channelID)]},"incident_quiet_seconds":60}"#
            let task = try await api.request(.post, "/tasks", body)
            let taskID = try #require(task.json["id"]?.integerValue, "\(task.text)")
            _ = try await harness.runNow(Int64(taskID))
            #expect(await harness.server.deliverer.deliverDue() == 1)
            let notification = try await api.request(.get, "/notifications?state=delivered")
            #expect(notification.json.arrayValue?.count == 1, "\(notification.text)")

            let firing = try await Self.alerts(base, key: client)
            #expect(firing.count == 1)
            let labels = try #require(firing.first?["labels"])
            #expect(labels["alertname"] == .string("weir_black_ip_address") && labels["task"] == .string("edge"))
            #expect(labels["rule"] == .string("black_ip_address") && labels["team"] == .string("web"))
            #expect(labels["severity"] == .string("critical") && labels["task_id"]?.stringValue == "\(taskID)")
            #expect(firing.first?["status"]?["state"] == .string("active"))
            #expect(firing.first?["annotations"]?["summary"]?.stringValue?.contains(client) == true)
            let routed = try await Self.eventually(15) {
                receiver.alertmanagerPosts.withLock { posts in
                    posts.contains { $0["status"] == .string("firing") && $0["commonLabels"]?["key"]?.stringValue == client }
                }
            }
            #expect(routed, "Alertmanager's route delivers the firing alert to its webhook receiver")

            // While the incident is open, the alert is sent again and its end moves on.
            let endsAt = try #require(firing.first?["endsAt"]?.stringValue)
            harness.clock.set(now + 61)
            await harness.server.deliverer.refreshAlerts()
            let refreshed = try await Self.eventually(5) {
                try await Self.alerts(base, key: client).first?["endsAt"]?.stringValue.map { $0 > endsAt } ?? false
            }
            #expect(refreshed, "a firing alert is re-sent before Alertmanager's resolve timeout")
            harness.clock.set(Int64(Date().timeIntervalSince1970))  // back to Alertmanager's time

            // Other traffic moves log time past the quiet time: the incident resolves, and so
            // does the alert.
            try NotificationTests.append(log, [NotificationTests.line("198.51.100.1", now + 100)])
            _ = try await harness.runNow(Int64(taskID))
            #expect(await harness.server.deliverer.deliverDue() == 1)
            let gone = try await Self.eventually(10) { try await Self.alerts(base, key: client).isEmpty }
            #expect(gone, "a resolved alert leaves Alertmanager's active list")
            let resolved = try await Self.eventually(15) {
                receiver.alertmanagerPosts.withLock { posts in
                    posts.contains { $0["status"] == .string("resolved") && $0["commonLabels"]?["key"]?.stringValue == client }
                }
            }
            #expect(resolved, "Alertmanager tells its receiver the alert resolved")
        }
        await receiver.stop()
    }
}

struct TestEnvironmentError: Error, CustomStringConvertible {
    let description: String
}
