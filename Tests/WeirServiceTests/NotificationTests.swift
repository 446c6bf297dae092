import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WeirCore
import WeirLog
import WeirModel
import WeirNotify
import WeirService
import WeirStore
import WeirTestSupport
import WeirTraffic

/// Incidents through the API, and their notifications through the outbox to a real HTTP receiver.
struct NotificationTests {
    /// A combined-log line from `client` at Unix time `t`.
    static func line(_ client: String, _ t: Int64, path: String = "/") -> String {
        var local: [UInt8] = []
        Timestamps.appendCommonLogTime(t, offset: 0, to: &local)
        return #"\#(client) - - [\#(String(decoding: local, as: UTF8.self))] "GET \#(path) HTTP/1.1" 200 12 "-" "curl/8""# + "\n"
    }

    static func append(_ path: String, _ lines: [String]) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(lines.joined().utf8))
        try handle.close()
    }

    @Test func aReceiverThatIsDownThenFailingGetsEachNotificationExactlyOnceSigned() async throws {
        let harness = try await Harness.make(settings: ["WEIR_SECRET": "a-long-service-secret-for-the-tests"])
        defer { harness.remove() }
        let receiver = WebhookReceiver(secret: "hook-secret")
        try await receiver.start()
        let port = receiver.port
        await receiver.stop()  // down: connections refused
        let log = "\(harness.directory)/access.log"
        let t0 = Harness.start - 3_600
        try (Self.line("192.0.2.7", t0, path: "/wp-login.php") + Self.line("198.51.100.1", t0 + 1)).write(
            toFile: log,
            atomically: true,
            encoding: .utf8
        )
        let deliverer = harness.server.deliverer
        try await harness.withRouter { client in
            let created = try await client.request(
                .post,
                "/channels",
                #"{"name":"ops","type":"webhook","url":"http://127.0.0.1:\#(port)/hook","secret":"hook-secret","headers":{"X-Team":"sre"}}"#
            )
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["signed"] == .bool(true) && created.json["secret"] == nil, "secrets are write-only")
            let channelID = try #require(created.json["id"]?.integerValue)
            let body = Harness.taskBody(path: log, properties: #"{"black_ip_address":["192.0.2.0/24"]}"#)
            let withNotify = String(body.dropLast()) + #","notify":{"channels":[\#(channelID)]},"block":true}"#
            let task = try await client.request(.post, "/tasks", withNotify)
            #expect(task.status == .created, "\(task.text)")
            let taskID = try #require(task.json["id"]?.integerValue)

            _ = try await harness.runNow(Int64(taskID))
            let incidents = try await client.request(.get, "/incidents?state=open")
            #expect(incidents.json.arrayValue?.count == 1)
            let incident = try #require(incidents.json.arrayValue?.first)
            #expect(incident["key"] == .string("192.0.2.7") && incident["rule"] == .string("black_ip_address"))
            #expect(incident["summary"]?.stringValue?.contains("192.0.2.7") == true)

            // The blocklist feed, with its ETag.
            let plain = try await client.request(.get, "/blocklist")
            #expect(plain.text == "192.0.2.7\n")
            let etag = try #require(plain.headers[.eTag])
            #expect(try await client.request(.get, "/blocklist?format=nginx").text == "deny 192.0.2.7;\n")
            let unchanged = try await client.execute(uri: "/blocklist", method: .get, headers: [.ifNoneMatch: etag])
            #expect(unchanged.status == .notModified)

            // Down: refused, then 500, then 200; delivered once.
            #expect(await deliverer.deliverDue() == 1)
            try await receiver.start(port: port)
            receiver.status.withLock { $0 = 500 }
            #expect(await deliverer.deliverDue() == 0, "the retry waits for its backoff")
            harness.clock.set(harness.clock.now() + 5)
            #expect(await deliverer.deliverDue() == 1)
            receiver.status.withLock { $0 = 200 }
            harness.clock.set(harness.clock.now() + 10)
            #expect(await deliverer.deliverDue() == 1)
            harness.clock.set(harness.clock.now() + 3_600)
            #expect(await deliverer.deliverDue() == 0)
            #expect(receiver.acceptedCounts.values.sorted() == [1])
            let opened = try #require(receiver.accepted.withLock { $0.first })
            #expect(opened.event == "incident.opened" && opened.signatureValid)
            #expect(opened.body["incident"]?["key"] == .string("192.0.2.7") && opened.body["task"]?["id"]?.integerValue == taskID)
            #expect(receiver.requests.withLock { $0 } == 2, "one 500 and one 200")

            // Log time moves on past the quiet time with other traffic: the incident resolves.
            try Self.append(log, [Self.line("198.51.100.1", t0 + 700)])
            let second = try await harness.runNow(Int64(taskID))
            #expect(second.status == .succeeded && second.linesRead == 1, "\(second)")
            #expect(try await client.request(.get, "/incidents?state=open").json.arrayValue?.isEmpty == true)
            #expect(try await client.request(.get, "/blocklist").text == "")
            #expect(await deliverer.deliverDue() == 1)
            #expect(receiver.accepted.withLock { $0.map(\.event) } == ["incident.opened", "incident.resolved"])
            #expect(receiver.acceptedCounts.values.allSatisfy { $0 == 1 } && receiver.acceptedCounts.count == 2)

            let notifications = try await client.request(.get, "/notifications?state=delivered")
            #expect(notifications.json.arrayValue?.map { $0["attempts"]?.integerValue } == [1, 3])
            let firstID = try #require(notifications.json.arrayValue?.last?["id"]?.integerValue)
            let detail = try await client.request(.get, "/notifications/\(firstID)")
            #expect(detail.json["attempt_log"]?.arrayValue?.map { $0["status"]?.integerValue } == [nil, 500, 200])
            let incidentID = try #require(incident["id"]?.integerValue)
            let full = try await client.request(.get, "/incidents/\(incidentID)")
            #expect(full.json["incident"]?["state"] == .string("resolved") && full.json["findings"]?.arrayValue?.count == 1)
        }
        await receiver.stop()
    }

    @Test func aReceiverThatRefusesWith4xxIsNotRetriedAndTheTestEndpointSaysWhy() async throws {
        let harness = try await Harness.make(settings: ["WEIR_SECRET": "a-long-service-secret-for-the-tests"])
        defer { harness.remove() }
        let receiver = WebhookReceiver(secret: nil)
        try await receiver.start()
        receiver.status.withLock { $0 = 404 }
        let log = "\(harness.directory)/access.log"
        try Self.line("192.0.2.9", Harness.start - 60).write(toFile: log, atomically: true, encoding: .utf8)
        try await harness.withRouter { client in
            let created = try await client.request(.post, "/channels", #"{"name":"x","type":"webhook","url":"\#(receiver.url)"}"#)
            let channelID = try #require(created.json["id"]?.integerValue)
            let test = try await client.request(.post, "/channels/\(channelID)/test")
            #expect(test.status == .ok && test.json["delivered"] == .bool(false) && test.json["status"]?.integerValue == 404)
            let body = String(Harness.taskBody(path: log).dropLast()) + #","notify":{"channels":[\#(channelID)],"rules":["black_ip_address"]}}"#
            let taskID = try #require(try await client.request(.post, "/tasks", body).json["id"]?.integerValue)
            _ = try await harness.runNow(Int64(taskID))
            #expect(await harness.server.deliverer.deliverDue() == 1)
            harness.clock.set(harness.clock.now() + 86_400)
            #expect(await harness.server.deliverer.deliverDue() == 0)
            let failed = try await client.request(.get, "/notifications?state=failed")
            #expect(failed.json.arrayValue?.count == 1)
            #expect(failed.json.arrayValue?.first?["last_error"]?.stringValue?.contains("receiver says 404") == true)
        }
        await receiver.stop()
    }

    @Test func channelsAndNotifyAreValidatedPerField() async throws {
        let harness = try await Harness.make()  // no WEIR_SECRET
        defer { harness.remove() }
        try await harness.withRouter { client in
            let bad = try await client.request(.post, "/channels", #"{"name":"x","type":"pager","url":"ftp://x/y","colour":1}"#)
            #expect(bad.status == .unprocessableContent)
            let fields = Harness.errorFields(bad)
            #expect(fields["type"]?.contains("webhook, slack, alertmanager") == true)
            #expect(fields["colour"] != nil)
            let scheme = try await client.request(.post, "/channels", #"{"name":"x","type":"webhook","url":"ftp://x/y"}"#)
            #expect(Harness.errorFields(scheme)["url"]?.contains("ftp") == true)
            let unsigned = try await client.request(.post, "/channels", #"{"name":"x","type":"webhook","url":"http://h/","signed":true}"#)
            #expect(Harness.errorFields(unsigned)["secret"]?.contains("required when signed") == true)
            let sealed = try await client.request(.post, "/channels", #"{"name":"x","type":"slack","url":"https://hooks.slack.com/services/T/B/X"}"#)
            #expect(Harness.errorFields(sealed)["url"]?.contains("WEIR_SECRET") == true, "a Slack URL is a secret")
            let am = try await client.request(
                .post,
                "/channels",
                #"{"name":"am","type":"alertmanager","url":"http://127.0.0.1:9093","labels":{"team":"web"}}"#
            )
            #expect(am.status == .created)
            let notify =
                Harness.taskBody(path: "/var/log/x.log").dropLast()
                + #","notify":{"channels":[42],"rules":["nope"]},"block":"yes","incident_quiet_seconds":5}"#
            let task = try await client.request(.post, "/tasks", String(notify))
            let taskFields = Harness.errorFields(task)
            #expect(taskFields["notify.channels"]?.contains("no channel 42") == true)
            #expect(taskFields["notify.rules"]?.contains("not a rule") == true)
            #expect(taskFields["block"] != nil && taskFields["incident_quiet_seconds"]?.contains("60 to") == true)
        }
    }

    @Test func channelsReachOnlyTheHostsTheServiceAllows() async throws {
        let harness = try await Harness.make(settings: ["WEIR_NOTIFY_HOSTS": "hooks.example.com,127.0.0.1:9093"])
        defer { harness.remove() }
        try await harness.withRouter { client in
            let inside = try await client.request(.post, "/channels", #"{"name":"a","type":"alertmanager","url":"http://127.0.0.1:9093"}"#)
            #expect(inside.status == .created, "\(inside.text)")
            #expect(
                try await client.request(.post, "/channels", #"{"name":"b","type":"webhook","url":"https://hooks.example.com/x"}"#).status == .created
            )
            let metadata = try await client.request(.post, "/channels", #"{"name":"c","type":"webhook","url":"http://169.254.169.254/latest"}"#)
            #expect(Harness.errorFields(metadata)["url"]?.contains("not among the hosts this service may notify") == true, "\(metadata.text)")
            let otherPort = try await client.request(.post, "/channels", #"{"name":"d","type":"webhook","url":"http://127.0.0.1:22/"}"#)
            #expect(otherPort.status == .unprocessableContent)
        }
    }

    @Test func theMonitorsAlertGoesToAlertmanagerAsWeirHighTrafficWithTheFile() throws {
        let change = AlertChange(at: 1_800_000_000, average: 12.5, windowHits: 1_500, threshold: 10)
        let alert = try #require(NotificationEvent(monitor: .alert(change), file: "/var/log/nginx/access.log"))
        let builder = MessageBuilder()
        let firing = builder.request(alert, to: Endpoint(kind: .alertmanager, url: "http://am:9093/"), deliveryID: "d", sentAt: 1_800_000_010)
        #expect(firing.url == "http://am:9093/api/v2/alerts")
        let body = try StrictJSONParser.parse(firing.body)
        let labels = try #require(body.arrayValue?.first?["labels"])
        #expect(labels["alertname"] == JSONValue.string("weir_high_traffic") && labels["file"] == JSONValue.string("/var/log/nginx/access.log"))
        #expect(
            body.arrayValue?.first?["endsAt"] == JSONValue.string("2027-01-15T08:05:10Z"),
            "firing: an end five minutes ahead, moved on by re-sending"
        )
        let recovered = try #require(NotificationEvent(monitor: .recovered(change), file: "/var/log/nginx/access.log"))
        let resolved = try StrictJSONParser.parse(
            builder.request(recovered, to: Endpoint(kind: .alertmanager, url: "http://am:9093"), deliveryID: "e", sentAt: 1_800_000_020).body
        )
        #expect(resolved.arrayValue?.first?["endsAt"] == JSONValue.string("2027-01-15T08:00:20Z"))
        let hook = builder.request(alert, to: Endpoint(kind: .webhook, url: "http://h/x", secret: "k"), deliveryID: "d", sentAt: 1_800_000_010)
        let signature = try #require(hook.headers.first { $0.0 == WebhookSignature.header }?.1)
        #expect(WebhookSignature.verify(hook.body, secret: "k", signature: signature))
        // RFC 4231, test case 2: HMAC-SHA256 of "what do ya want for nothing?" keyed by "Jefe".
        #expect(
            WebhookSignature.sign(Array("what do ya want for nothing?".utf8), secret: "Jefe")
                == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        )
        #expect(!WebhookSignature.verify(hook.body, secret: "other", signature: signature))
        #expect(try StrictJSONParser.parse(hook.body)["event"] == JSONValue.string("monitor.alert"))
    }

    @Test func aReceiverThatHangsIsCutByTheTimeoutAndSlackGetsItsText() async throws {
        let harness = try await Harness.make(settings: ["WEIR_SECRET": "a-long-service-secret-for-the-tests", "WEIR_NOTIFY_TIMEOUT": "0.5"])
        defer { harness.remove() }
        let hanging = WebhookReceiver(secret: nil)
        try await hanging.start()
        hanging.delay.withLock { $0 = 10 }
        let slack = WebhookReceiver(secret: nil)
        try await slack.start()
        let log = "\(harness.directory)/access.log"
        try Self.line("192.0.2.9", Harness.start - 60, path: "/wp-admin").write(toFile: log, atomically: true, encoding: .utf8)
        try await harness.withRouter { client in
            let hook = try #require(
                try await client.request(.post, "/channels", #"{"name":"slow","type":"webhook","url":"\#(hanging.url)"}"#).json["id"]?.integerValue
            )
            let created = try await client.request(.post, "/channels", #"{"name":"slack","type":"slack","url":"\#(slack.url)"}"#)
            #expect(created.json["url"] == .string("https://(sealed)"), "a Slack URL is never shown: \(created.text)")
            let chat = try #require(created.json["id"]?.integerValue)
            let body = String(Harness.taskBody(path: log).dropLast()) + #","notify":{"channels":[\#(hook),\#(chat)]}}"#
            let taskID = try #require(try await client.request(.post, "/tasks", body).json["id"]?.integerValue)
            _ = try await harness.runNow(Int64(taskID))
            let started = ContinuousClock.now
            #expect(await harness.server.deliverer.deliverDue() == 2)
            // Cut at 0.5 s; the bound is far under the receiver's 10 s so that a loaded machine
            // (3.1 s in one CI run) cannot fail it, while a delivery that waited for the answer would.
            #expect(started.duration(to: .now) < .seconds(8), "the hanging receiver is cut at 0.5 s")
            let pending = try await client.request(.get, "/notifications?state=pending&channel=\(hook)")
            #expect(pending.json.arrayValue?.first?["last_error"]?.stringValue?.contains("no answer") == true, "\(pending.text)")
            let text = try #require(slack.accepted.withLock { $0.first?.body["text"]?.stringValue })
            #expect(text.contains("Incident on task *front*") && text.contains("blacklisted client 192.0.2.9"), "\(text)")
        }
        await hanging.stop()
        await slack.stop()
    }
}

extension Harness {
    /// Runs a task now on the coordinator ``withRouter(_:)`` keeps running, and returns its run.
    func runNow(_ taskID: Int64) async throws -> RunRecord {
        let started = try await server.coordinator.start(taskID: taskID, trigger: .manual)
        guard case .started(let run) = started else { throw CancellationError() }
        await server.coordinator.waitUntilIdle()
        return try #require(try await store.run(id: run.id))
    }

    /// Runs `body` against the service's router with the run coordinator running, then closes
    /// the store, thrown or not.
    func withRouter(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.makeRouter())
        do {
            try await withCoordinator {
                try await app.test(.router) { client in try await body(client) }
            }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
