import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import WeirModel
import WeirRules
import WeirService
import WeirStore

/// Every route of the API through the router, with no socket: answers, validation errors and the
/// error shape.
struct RouterTests {
    func withAPI(token: String? = nil, _ body: @escaping @Sendable (any TestClientProtocol, Harness) async throws -> Void) async throws {
        let harness = try await Harness.make(token: token)
        defer { harness.remove() }
        let app = Application(router: harness.server.makeRouter())
        try await app.test(.router) { client in try await body(client, harness) }
        try await harness.store.close()
    }

    /// The error object of a response, checked for its shape.
    func error(_ r: TestResponse) -> (code: String, message: String, fields: [String: String]) {
        let e = r.json["error"]
        var fields: [String: String] = [:]
        for (k, v) in e?["fields"]?.objectValue ?? [:] { fields[k] = v.stringValue }
        #expect(e?["fields"]?.objectValue != nil, "every error has a fields object")
        return (e?["code"]?.stringValue ?? "", e?["message"]?.stringValue ?? "", fields)
    }

    @Test func healthMetricsAndCatalogue() async throws {
        try await withAPI { client, _ in
            let health = try await client.request(.get, "/health")
            #expect(health.status == .ok)
            #expect(health.json == .object(["status": .string("ok"), "database": .string("ok"), "version": .string(WeirServer.version)]))
            let metrics = try await client.request(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            let rules = try await client.request(.get, "/task-properties")
            #expect(rules.json.arrayValue?.compactMap { $0["name"]?.stringValue } == RuleName.allCases.map(\.rawValue).sorted())
            let one = try await client.request(.get, "/task-properties/black_ip_address")
            #expect(one.json["value_type"]?.stringValue?.contains("CIDR") == true)
            let missing = try await client.request(.get, "/task-properties/nope")
            #expect(missing.status == .notFound && error(missing).code == "not_found")
            let unknown = try await client.request(.get, "/nowhere")
            #expect(unknown.status == .notFound && error(unknown).message.contains("openapi.json"))
        }
    }

    @Test func openAPIDocumentDescribesExactlyTheRoutes() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let router = harness.server.makeRouter()
        // Hummingbird writes a captured parameter as {id}, as OpenAPI does.
        let all = router.routes.map { "\($0.method.rawValue) \($0.path.description)" }
        // The dashboard's HTML routes are not the API's.
        let registered = router.routes.filter { !WeirServer.isDashboardRoute($0.path.description) }.map {
            "\($0.method.rawValue) \($0.path.description)"
        }
        #expect(all.count - registered.count == 17, "\(all.filter { !registered.contains($0) })")
        let app = Application(router: router)
        try await app.test(.router) { client in
            let document = try await client.request(.get, "/openapi.json").json
            #expect(document["openapi"]?.stringValue?.hasPrefix("3.") == true)
            var documented: [String] = []
            for (path, item) in document["paths"]?.objectValue ?? [:] {
                for method in item.objectValue?.keys ?? [:].keys { documented.append("\(method.uppercased()) \(path)") }
            }
            #expect(documented.sorted() == registered.sorted())
            #expect(documented.count >= 13)
        }
        try await harness.store.close()
    }

    @Test func createReadListPatchDelete() async throws {
        try await withAPI { client, h in
            let created = try await client.request(.post, "/tasks", Harness.taskBody(path: "/var/log/a.log"))
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/tasks/1")
            #expect(created.json["next_run_time"]?.stringValue == "2027-01-15T08:01:00Z")
            #expect(created.json["is_active"] == .bool(true))
            #expect(created.json["target_data"]?["format"]?.stringValue == "combined")
            let read = try await client.request(.get, "/tasks/1")
            #expect(read.json == created.json)
            _ = try await client.request(.post, "/tasks", Harness.taskBody(path: "/var/log/b.log", name: "second"))
            let patched = try await client.request(.patch, "/tasks/2", #"{"is_active":false,"task_frequency":300}"#)
            #expect(patched.status == .ok && patched.json["is_active"] == .bool(false) && patched.json["task_frequency"] == .number(300))
            let all = try await client.request(.get, "/tasks").json.arrayValue ?? []
            #expect(all.count == 2)
            #expect(try await client.request(.get, "/tasks?active=true").json.arrayValue?.map { $0["id"] } == [.number(1)])
            #expect(try await client.request(.get, "/tasks?active=false").json.arrayValue?.map { $0["id"] } == [.number(2)])
            #expect(try await client.request(.get, "/tasks?active=maybe").status == .unprocessableContent)
            #expect(try await client.request(.delete, "/tasks/2").status == .noContent)
            #expect(try await client.request(.delete, "/tasks/2").status == .notFound)
            #expect(try await client.request(.get, "/tasks/2").status == .notFound)
            #expect(try await client.request(.get, "/tasks/abc").status == .notFound)
            #expect(try await client.request(.patch, "/tasks/9", "{}").status == .notFound)
            _ = h
        }
    }

    @Test func validationNamesEveryField() async throws {
        try await withAPI { client, _ in
            let body =
                #"{"name":"","task_frequency":0,"next_run_time":"2020-01-01T00:00:00Z","colour":"red","#
                + #""target_data":{"type":"file","path":"relative.log","format":"%Q"},"#
                + #""properties":{"black_ip_address":["10.0.0.300"],"average_requests_per_time_interval":{"60":0},"speed":1}}"#
            let r = try await client.request(.post, "/tasks", body)
            #expect(r.status == .unprocessableContent)
            let e = error(r)
            #expect(e.code == "validation_failed")
            for field in [
                "name", "task_frequency", "next_run_time", "colour", "target_data.path", "target_data.format",
                "properties.black_ip_address[0]", "properties.average_requests_per_time_interval.60", "properties.speed",
            ] {
                #expect(e.fields[field] != nil, "no message for \(field)")
            }
            #expect(e.fields["next_run_time"]?.contains("past") == true)
            let missing = error(try await client.request(.post, "/tasks", "{}"))
            #expect(Set(missing.fields.keys) == ["name", "task_frequency", "next_run_time", "target_data", "properties"])
            let wrongType = error(try await client.request(.post, "/tasks", "[1]"))
            #expect(wrongType.fields["body"] != nil)
            let source = error(
                try await client.request(
                    .post,
                    "/tasks",
                    Harness.taskBody(path: "/x").replacingOccurrences(of: #""type":"file""#, with: #""type":"ftp""#)
                )
            )
            #expect(source.fields["target_data.type"]?.contains("ftp") == true)
            let shrinking = error(
                try await client.request(
                    .post,
                    "/tasks",
                    Harness.taskBody(
                        path: "/x",
                        properties: #"{"average_requests_per_client_per_time_interval":{"10":100,"60":50}}"#
                    )
                )
            )
            #expect(shrinking.fields["properties.average_requests_per_client_per_time_interval.60"] != nil)
            // PATCH is revalidated the same way.
            _ = try await client.request(.post, "/tasks", Harness.taskBody(path: "/var/log/a.log"))
            let patch = try await client.request(.patch, "/tasks/1", #"{"properties":{"accepted_urls":["no-slash"]},"is_active":"yes"}"#)
            #expect(patch.status == .unprocessableContent)
            #expect(Set(error(patch).fields.keys) == ["properties.accepted_urls[0]", "is_active"])
        }
    }

    @Test func unreadableTooLargeAndUnauthorized() async throws {
        try await withAPI(token: "s3cret") { client, _ in
            let open = try await client.request(.get, "/health")
            #expect(open.status == .ok)
            #expect(try await client.request(.get, "/metrics").status == .ok)
            let none = try await client.request(.get, "/tasks")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(error(none).code == "unauthorized")
            #expect(try await client.request(.get, "/tasks", token: "wrong").status == .unauthorized)
            #expect(try await client.request(.get, "/tasks", token: "s3cret").status == .ok)
            let bad = try await client.request(.post, "/tasks", #"{"name": "x",,}"#, token: "s3cret")
            #expect(bad.status == .badRequest && error(bad).code == "invalid_json")
            let empty = try await client.request(.post, "/tasks", "", token: "s3cret")
            #expect(empty.status == .badRequest)
            let huge = #"{"name":""# + String(repeating: "x", count: 300 * 1024) + #""}"#
            let tooLarge = try await client.request(.post, "/tasks", huge, token: "s3cret")
            #expect(tooLarge.status == .contentTooLarge && error(tooLarge).code == "body_too_large")
        }
    }

    @Test func runNowRunsAndFindingsFilters() async throws {
        try await withAPI { client, h in
            let log = try h.writeLog(count: 5_000, rate: 20)
            _ = try await client.request(
                .post,
                "/tasks",
                Harness.taskBody(
                    path: log,
                    properties:
                        #"{"black_ip_address":["192.0.2.0/24","2001:db8:bad::/48"],"average_requests_per_client_per_time_interval":{"10":30}}"#
                )
            )
            // The coordinator is not executing yet: the run is claimed and waits, so a second is refused.
            let accepted = try await client.request(.post, "/tasks/1/run")
            #expect(accepted.status == .accepted)
            #expect(accepted.json["run_id"] == .number(1))
            let conflict = try await client.request(.post, "/tasks/1/run")
            #expect(conflict.status == .conflict && error(conflict).code == "already_running")
            #expect(try await client.request(.post, "/tasks/7/run").status == .notFound)
            try await h.withCoordinator { await h.server.coordinator.waitUntilIdle() }
            let runs = try await client.request(.get, "/tasks/1/runs").json.arrayValue ?? []
            #expect(runs.count == 1)
            #expect(runs.first?["status"]?.stringValue == "succeeded")
            #expect(runs.first?["trigger"]?.stringValue == "manual")
            #expect(runs.first?["lines_read"] == .number(5_000))
            let findings = try await client.request(.get, "/tasks/1/findings").json.arrayValue ?? []
            let rules = Set(findings.compactMap { $0["rule"]?.stringValue })
            #expect(rules == ["black_ip_address", "average_requests_per_client_per_time_interval"])
            let black = try await client.request(.get, "/tasks/1/findings?rule=black_ip_address").json.arrayValue ?? []
            #expect(!black.isEmpty && black.allSatisfy { $0["rule"]?.stringValue == "black_ip_address" })
            #expect(try await client.request(.get, "/tasks/1/findings?limit=1").json.arrayValue?.count == 1)
            #expect(try await client.request(.get, "/tasks/1/findings?since=2100-01-01T00:00:00Z").json.arrayValue?.isEmpty == true)
            let badFilters = try await client.request(.get, "/tasks/1/findings?rule=x&since=yesterday&limit=0")
            #expect(Set(error(badFilters).fields.keys) == ["rule", "since", "limit"])
            #expect(try await client.request(.get, "/tasks/1/runs?limit=5000").status == .unprocessableContent)
            // Findings also went to the task's log files, one line each.
            let logFile = "\(h.directory)/logs/1-front/black_ip_address.log"
            let lines = try String(contentsOfFile: logFile, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == black.count)
            let metrics = try await client.request(.get, "/metrics").text
            #expect(metrics.contains(#"weir_task_runs_total{trigger="manual",status="succeeded"} 1"#))
            #expect(metrics.contains("weir_lines_read_total 5000"))
            #expect(metrics.contains("weir_findings_total"))
        }
    }
}
