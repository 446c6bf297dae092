import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeirCore
import WeirLog
import WeirModel
import WeirRules
import WeirService
import WeirStore

/// The expert system through the API: `detection` validation, anomaly findings from a run,
/// and what `GET /tasks/{id}/model` says before and after the model is chosen.
struct DetectionServiceTests {
    let router = RouterTests()

    /// A combined log of `minutes` minutes from `start`: about 30 requests a minute from 20
    /// clients, and `spike` requests in minute `spikeAt`.
    static func writeTraffic(_ path: String, start: Int64, minutes: Int, spikeAt: Int? = nil, spike: Int = 0, append: Bool = false) throws {
        let counts = (0..<minutes).map { m in m == spikeAt ? spike : 27 + (m * 7) % 7 }
        try writeTraffic(path, start: start, counts: counts, append: append)
    }

    /// A combined log with `counts[m]` requests in minute `m` from `start`, from 20 clients.
    static func writeTraffic(_ path: String, start: Int64, counts: [Int], append: Bool = false) throws {
        var out: [UInt8] = []
        for (m, count) in counts.enumerated() {
            for i in 0..<count {
                let t = start + Int64(m * 60 + (i * 60) / max(count, 1))
                out += Array("10.0.\(i % 4).\(i % 20) - - [".utf8)
                Timestamps.appendCommonLogTime(t, offset: 0, to: &out)
                out += Array("] \"GET /page/\(i % 9) HTTP/1.1\" \(i % 50 == 0 ? 404 : 200) 512 \"-\" \"test\"\n".utf8)
            }
        }
        if append, let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(out))
            try handle.close()
        } else {
            try Data(out).write(to: URL(fileURLWithPath: path))
        }
    }

    @Test func detectionIsValidatedFieldByField() async throws {
        try await router.withAPI { client, h in
            let log = "\(h.directory)/access.log"
            var body = Harness.taskBody(path: log)
            body.removeLast()
            let bad = try await client.request(
                .post,
                "/tasks",
                body
                    + #","detection":{"method":{"name":"zscore","params":{"k":-1}},"features":["requests","hits"],"bucket_seconds":7,"color":"red"}}"#
            )
            #expect(bad.status == .unprocessableContent)
            let fields = router.error(bad).fields
            #expect(fields["detection.method.params"] == "parameter k of zscore must be from 0.01 to 1000, not -1")
            #expect(fields["detection.features[1]"]?.hasPrefix("is not a feature") == true)
            #expect(fields["detection.bucket_seconds"] == "must be one of 60, 300, 900, 3600 (seconds)")
            #expect(fields["detection.color"] != nil)
            let unknown = try await client.request(.post, "/tasks", body + #","detection":{"method":"magic"}}"#)
            #expect(router.error(unknown).fields["detection.method"]?.contains("\"magic\" is not a method") == true)
            let good = try await client.request(.post, "/tasks", body + #","detection":{"method":"auto","features":["requests"]}}"#)
            #expect(good.status == .created)
            #expect(good.json["detection"]?["features"] == .array([.string("requests")]))
        }
    }

    @Test func aSpikeBecomesOneAnomalyFindingAndTheModelSaysWhy() async throws {
        try await router.withAPI { client, h in
            let log = "\(h.directory)/access.log"
            let start = Harness.start - 86_400
            let spikeMinute = 330
            try Self.writeTraffic(log, start: start, minutes: 360, spikeAt: spikeMinute, spike: 900)
            _ = try await client.request(.post, "/tasks", Harness.taskBody(path: log, properties: "{}"))
            let before = try await client.request(.get, "/tasks/1/model").json
            #expect(before["status"]?.stringValue == "default")
            #expect(before["features"]?.arrayValue?.compactMap { $0["feature"]?.stringValue } == ["requests", "errors_5xx"])

            _ = try await client.request(.post, "/tasks/1/run")
            try await h.withCoordinator { await h.server.coordinator.waitUntilIdle() }
            let anomalies = try await client.request(.get, "/tasks/1/findings?rule=anomaly").json.arrayValue ?? []
            let spike = anomalies.filter { $0["anomaly"]?["feature"]?.stringValue == "requests" }
            #expect(spike.count == 1, "\(anomalies)")
            #expect(spike.first?["first_seen"]?.stringValue == Timestamps.rfc3339(start + Int64(spikeMinute * 60)))
            #expect(spike.first?["anomaly"]?["observed"] == .number(900))
            let high = spike.first?["anomaly"]?["expected_high"].flatMap { if case .number(let n) = $0 { n } else { nil } } ?? 0
            #expect(high > 28 && high < 200)

            // The model explains how the latest minute was scored: 360 minutes, still warming up.
            let scored = try await client.request(.get, "/tasks/1/model").json
            let latest = scored["features"]?.arrayValue?.first { $0["feature"]?.stringValue == "requests" }?["latest"]
            #expect(latest?["bucket_start"]?.stringValue == Timestamps.rfc3339(start + 359 * 60))
            #expect(latest?["anomalous"] == .bool(false) && latest?["threshold"] == .number(0.5))
            #expect(latest?["likelihood"]?["warm"] == .bool(false) && latest?["likelihood"]?["points_seen"] == .number(360))
            #expect(latest?["likelihood"]?["warmup_points"] == .number(388))
            #expect(latest?["explanation"]?.stringValue?.hasPrefix("warming up: 360 of 388 buckets scored") == true, "\(String(describing: latest))")

            // The expert system chooses from the 360 minutes, off the run's path.
            #expect(try await h.server.trainer.retuneIfDue(taskID: 1))
            let chosen = try await client.request(.get, "/tasks/1/model").json
            #expect(chosen["status"]?.stringValue == "chosen")
            #expect(chosen["history_minutes"] == .number(360))
            #expect(chosen["answers"]?["method"]?.stringValue?.hasPrefix("weir: chosen from 360 minutes") == true)
            let requests = chosen["features"]?.arrayValue?.first { $0["feature"]?.stringValue == "requests" }
            #expect((requests?["candidates"]?.arrayValue?.count ?? 0) > 10)
            #expect(requests?["reason"]?.stringValue?.contains("injected spikes") == true)
            #expect(try await h.server.trainer.retuneIfDue(taskID: 1) == false)  // not due again yet

            // More traffic: the spike is not reported again.
            try Self.writeTraffic(log, start: start + 360 * 60, minutes: 30, append: true)
            _ = try await client.request(.post, "/tasks/1/run")
            try await h.withCoordinator { await h.server.coordinator.waitUntilIdle() }
            let again = try await client.request(.get, "/tasks/1/findings?rule=anomaly").json.arrayValue ?? []
            #expect(again.filter { $0["anomaly"]?["feature"]?.stringValue == "requests" }.count == 1)
        }
    }

    /// Lone flood minutes in noisy traffic, after the detectors have warmed up: each is an
    /// anomaly finding of its own minute (the spike channel), though none is a new extreme (the
    /// first hour was busier) and the likelihood's ten-minute average would dilute each one.
    @Test func everyLoneFloodMinuteIsAnAnomalyFinding() async throws {
        try await router.withAPI { client, h in
            let log = "\(h.directory)/access.log"
            let start = Harness.start - 86_400
            var random = SeededRandom(seed: 12)
            var counts = (0..<1_000).map { m in Int(random.poisson(m < 60 ? 200 : 60)) }
            let floods = [600, 750, 900]
            for m in floods { counts[m] = 180 }
            try Self.writeTraffic(log, start: start, counts: counts)
            _ = try await client.request(.post, "/tasks", Harness.taskBody(path: log, properties: "{}"))
            _ = try await client.request(.post, "/tasks/1/run")
            try await h.withCoordinator { await h.server.coordinator.waitUntilIdle() }
            let anomalies = try await client.request(.get, "/tasks/1/findings?rule=anomaly&limit=1000").json.arrayValue ?? []
            let requests = anomalies.filter { $0["anomaly"]?["feature"]?.stringValue == "requests" }
            let seen = Set(requests.compactMap { $0["first_seen"]?.stringValue })
            for m in floods {
                #expect(seen.contains(Timestamps.rfc3339(start + Int64(m * 60))), "flood minute \(m) missed: \(requests)")
            }
            // After the warm-up (388 minutes), the floods are the only findings.
            let late = seen.filter { $0 >= Timestamps.rfc3339(start + 400 * 60) }
            #expect(late == Set(floods.map { Timestamps.rfc3339(start + Int64($0 * 60)) }), "\(seen.sorted())")
        }
    }

    @Test func theUsersAnswersOverrideTheExpertSystem() async throws {
        try await router.withAPI { client, h in
            let log = "\(h.directory)/access.log"
            try Self.writeTraffic(log, start: Harness.start - 86_400, minutes: 300)
            _ = try await client.request(.post, "/tasks", Harness.taskBody(path: log, properties: "{}"))
            _ = try await client.request(.post, "/tasks/1/run")
            try await h.withCoordinator { await h.server.coordinator.waitUntilIdle() }
            #expect(try await h.server.trainer.retuneIfDue(taskID: 1))
            let patched = try await client.request(
                .patch,
                "/tasks/1",
                #"{"detection":{"method":{"name":"zscore","params":{"k":5}},"features":["requests"]}}"#
            )
            #expect(patched.status == .ok)
            // The chosen model no longer answers the user's questions: the default stands in until the next choice.
            let stale = try await client.request(.get, "/tasks/1/model").json
            #expect(stale["status"]?.stringValue == "default")
            #expect(try await h.server.trainer.retuneIfDue(taskID: 1))
            let model = try await client.request(.get, "/tasks/1/model").json
            #expect(model["answers"]?["method"]?.stringValue == "user")
            #expect(model["answers"]?["features"]?.stringValue == "user")
            let features = model["features"]?.arrayValue ?? []
            #expect(features.compactMap { $0["feature"]?.stringValue } == ["requests"])
            #expect(features.first?["method"]?["name"]?.stringValue == "zscore")
            #expect(features.first?["method"]?["params"]?["k"] == .number(5))
            let candidates = features.first?["candidates"]?.arrayValue ?? []
            #expect(
                !candidates.isEmpty
                    && candidates.allSatisfy { $0["method"]?["name"]?.stringValue == "zscore" && $0["method"]?["params"]?["k"] == .number(5) }
            )
            let off = try await client.request(.patch, "/tasks/1", #"{"detection":{"enabled":false}}"#)
            #expect(off.status == .ok)
            #expect(try await client.request(.get, "/tasks/1/model").json["status"]?.stringValue == "disabled")
        }
    }
}
