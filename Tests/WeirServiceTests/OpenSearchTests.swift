import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeirCore
import WeirModel
import WeirRules
import WeirService
import WeirSources
import WeirStore

/// The OpenSearch source through the API and the runner, against ``FakeOpenSearch`` on loopback
/// (no OpenSearch server can be installed here): paging with `search_after`, incremental runs,
/// write-only encrypted passwords, field names, retries and errors recorded on the run.
@Suite(.serialized)
struct OpenSearchTests {
    static let fast = SourceContext(
        vault: PasswordVault(secret: "test-secret-0123456789"),
        retry: RetryPolicy(attempts: 3, firstDelay: 0.01, unreachableSeconds: 0.4)
    )

    /// Runs `body` with a fake cluster and the API of a service whose WEIR_SECRET is set.
    func withCluster(
        _ fake: FakeOpenSearch,
        secret: String? = "test-secret-0123456789",
        tls: Bool = false,
        _ body: @escaping @Sendable (any TestClientProtocol, Harness, Int) async throws -> Void
    ) async throws {
        let (port, serving) = try await fake.start(tls: tls)
        defer { serving.cancel() }
        let harness = try await Harness.make(settings: secret.map { ["WEIR_SECRET": $0] } ?? [:], sources: Self.fast)
        defer { harness.remove() }
        try await harness.withCoordinator {
            try await Application(router: harness.server.makeRouter()).test(.router) { client in try await body(client, harness, port) }
        }
        try await harness.store.close()
    }

    static func taskBody(
        port: Int,
        index: String = "nginx-2026.11",
        password: String? = "s3cret-pass",
        ssl: Bool = false,
        extra: String = ""
    ) -> String {
        let auth = password.map { #","auth_user_name":"weir","auth_password":"\#($0)""# } ?? ""
        return #"{"name":"search","task_frequency":60,"next_run_time":"2027-01-15T08:01:00Z","#
            + #""target_data":{"type":"opensearch","host":"127.0.0.1","port":\#(port),"is_using_ssl":\#(ssl)\#(auth),"indice":"\#(index)"\#(extra)},"#
            + #""properties":{"black_ip_address":["192.0.2.0/24"]}}"#
    }

    /// A run's error, or "".
    static func error(_ run: JSONValue) -> String { run["error"]?.stringValue ?? "" }

    /// Runs task `id` now (the coordinator is executing) and returns its newest run.
    static func runNow(_ client: any TestClientProtocol, _ h: Harness, _ id: Int) async throws -> JSONValue {
        #expect(try await client.request(.post, "/tasks/\(id)/run").status == .accepted)
        await h.server.coordinator.waitUntilIdle()
        return try await client.request(.get, "/tasks/\(id)/runs").json.arrayValue?.first ?? .null
    }

    @Test func runsPageThroughEveryDocumentOnceWithSearchAfter() async throws {
        let fake = FakeOpenSearch()
        fake.add(2_500, first: 0)
        try await withCluster(fake) { client, h, port in
            let created = try await client.request(.post, "/tasks", Self.taskBody(port: port, extra: #","page_size":1000"#))
            #expect(created.status == .created, "\(created.text)")
            // The password is write-only: stored sealed, shown only as set.
            #expect(created.json["target_data"]?["auth_password_set"] == .bool(true))
            #expect(!created.text.contains("s3cret-pass") && created.json["target_data"]?["auth_password"] == nil)
            #expect(created.json["target_data"]?["auth_password_encrypted"] == nil)
            let stored = try #require(try await h.store.task(id: 1)?.target.json)
            let sealed = try #require(stored["auth_password_encrypted"]?.stringValue)
            #expect(sealed.hasPrefix("v1:") && !sealed.contains("s3cret-pass") && stored["auth_password"] == nil)
            #expect(try PasswordVault(secret: "test-secret-0123456789").open(sealed) == "s3cret-pass")
            #expect(throws: PasswordVault.VaultError.self) { try PasswordVault(secret: "another").open(sealed) }

            let first = try await Self.runNow(client, h, 1)
            #expect(first["status"]?.stringValue == "succeeded", "\(first)")
            #expect(first["lines_read"] == .number(2_500) && first["malformed_lines"] == .number(0))
            let pages = fake.requests.withLock { $0 }
            #expect(pages.map { $0.body["size"] } == Array(repeating: .number(1000), count: 3), "three pages: 1000, 1000, 500")
            #expect(pages[0].body["search_after"] == nil && pages[0].body["query"] == .object(["match_all": .object([:])]))
            // Each page goes on after the last hit of the one before (999 and 1000 share a timestamp).
            let doc999 = fake.documents.withLock { $0[999] }
            #expect(pages[1].body["search_after"] == .array([.number(Double(doc999.millis)), .string(doc999.id)]))
            let black = try await client.request(.get, "/tasks/1/findings?rule=black_ip_address").json.arrayValue ?? []
            #expect(black.map { $0["client"]?.stringValue } == ["192.0.2.9"])
            #expect(black.first?["peak"] == .number(25), "25 of the 2,500 documents come from 192.0.2.9")

            // New documents, two of them at the very millisecond the last run ended on: the next
            // run reads exactly those, starting from the checkpoint.
            fake.add(300, first: 2_500)
            let second = try await Self.runNow(client, h, 1)
            #expect(second["lines_read"] == .number(300), "\(second)")
            let next = fake.requests.withLock { $0[3] }
            let last = fake.documents.withLock { $0[2_499] }
            #expect(next.body["search_after"] == .array([.number(Double(last.millis)), .string(last.id)]))
            #expect(
                next.body["query"]
                    == .object(["range": .object(["@timestamp": .object(["gte": .number(Double(last.millis)), "format": .string("epoch_millis")])])])
            )
            #expect(fake.problems.withLock { $0 } == [], "every request had the documented shape")
            #expect(fake.requests.withLock { $0 }.allSatisfy { $0.authorization == "Basic " + Data("weir:s3cret-pass".utf8).base64EncodedString() })

            // PATCH without auth_password keeps the stored one; null removes it.
            let patched = try await client.request(
                .patch,
                "/tasks/1",
                #"{"target_data":{"type":"opensearch","host":"127.0.0.1","port":\#(port),"is_using_ssl":false,"auth_user_name":"weir","indice":"nginx-2026.11"}}"#
            )
            #expect(patched.json["target_data"]?["auth_password_set"] == .bool(true), "\(patched.text)")
            let cleared = try await client.request(
                .patch,
                "/tasks/1",
                #"{"target_data":{"type":"opensearch","host":"127.0.0.1","port":\#(port),"is_using_ssl":false,"auth_password":null,"indice":"nginx-2026.11"}}"#
            )
            #expect(cleared.json["target_data"]?["auth_password_set"] == .bool(false), "\(cleared.text)")
        }
    }

    @Test func errorsSayWhatToCheckAndAreRecordedOnTheRun() async throws {
        let fake = FakeOpenSearch()
        fake.add(10, first: 0)
        try await withCluster(fake) { client, h, port in
            // Wrong password.
            _ = try await client.request(.post, "/tasks", Self.taskBody(port: port, password: "wrong-pass"))
            let refused = try await Self.runNow(client, h, 1)
            #expect(refused["status"]?.stringValue == "failed")
            let refusal = Self.error(refused)
            #expect(refusal.contains(#"refused the credentials of user "weir" (HTTP 401)"#) && refusal.contains("auth_password"), "\(refusal)")
            #expect(!refusal.contains("wrong-pass"))
            // Unknown index.
            _ = try await client.request(.post, "/tasks", Self.taskBody(port: port, index: "apache-*"))
            let unknown = try await Self.runNow(client, h, 2)
            #expect(Self.error(unknown).contains(#"has no index "apache-*""#), "\(unknown)")
            // A busy cluster (two 503s) is retried with backoff and the run succeeds.
            fake.failures.withLock { $0 = [503, 503] }
            _ = try await client.request(.post, "/tasks", Self.taskBody(port: port))
            let before = fake.requests.withLock { $0.count }
            let retried = try await Self.runNow(client, h, 3)
            #expect(retried["status"]?.stringValue == "succeeded" && retried["lines_read"] == .number(10), "\(retried)")
            #expect(fake.requests.withLock { $0.count } - before == 3)
            // Three 503s exhaust the three attempts.
            fake.failures.withLock { $0 = [503, 503, 503] }
            _ = try await client.request(.post, "/tasks", Self.taskBody(port: port))
            let busy = try await Self.runNow(client, h, 4)
            #expect(Self.error(busy).contains("HTTP 503"), "\(busy)")
            // TLS asked of a plain-HTTP server, and a port nobody listens on.
            _ = try await client.request(.post, "/tasks", Self.taskBody(port: port, ssl: true))
            let tls = try await Self.runNow(client, h, 5)
            #expect(Self.error(tls).contains("https://127.0.0.1:\(port)") && Self.error(tls).contains("is_using_ssl"), "\(tls)")
            _ = try await client.request(.post, "/tasks", Self.taskBody(port: 1))
            let tried = ContinuousClock.now
            let unreachable = try await Self.runNow(client, h, 6)
            // A refused port answers at once; each attempt still lasts the connect timeout (0.4 s
            // here), as a filtered port's would.
            #expect(tried.duration(to: .now) >= .milliseconds(1200), "\(tried.duration(to: .now))")
            #expect(Self.error(unreachable).contains("cannot reach OpenSearch at http://127.0.0.1:1 (attempt 3 of 3)"), "\(unreachable)")
            // A closed port reads like a filtered one: no "refused" for a task author to probe with.
            #expect(!Self.error(unreachable).lowercased().contains("refused"), "\(unreachable)")
            #expect(fake.problems.withLock { $0 } == [])
        }
    }

    @Test func fieldNamesAreConfigurableAndNestedFieldsRead() async throws {
        let fake = FakeOpenSearch(timeField: "event.created")
        fake.add(50, first: 0) { time, client, i in
            .object([
                "event": .object(["created": .string(time)]), "source": .object(["ip": .string(client)]),
                "url": .object(["path": .string("/n/\(i)")]), "http": .object(["response": .object(["status_code": .number(404)])]),
            ])
        }
        try await withCluster(fake) { client, h, port in
            let fields = #","fields":{"@timestamp":"event.created","remote":"source.ip","path":"url.path","code":"http.response.status_code"}"#
            let created = try await client.request(.post, "/tasks", Self.taskBody(port: port, extra: fields))
            #expect(created.status == .created, "\(created.text)")
            let run = try await Self.runNow(client, h, 1)
            #expect(run["lines_read"] == .number(50) && run["malformed_lines"] == .number(0), "\(run)")
            let black = try await client.request(.get, "/tasks/1/findings?rule=black_ip_address").json.arrayValue ?? []
            #expect(black.map { $0["client"]?.stringValue } == ["192.0.2.9"])
            #expect(fake.problems.withLock { $0 } == [])
        }
    }

    @Test func tlsWithTheClustersOwnCertificateAuthority() async throws {
        let fake = FakeOpenSearch()
        fake.add(40, first: 0)
        try await withCluster(fake, tls: true) { client, h, port in
            let caFile = "\(h.directory)/cluster-ca.pem"
            try TestCertificate.certificatePEM.write(toFile: caFile, atomically: true, encoding: .utf8)
            // Trusting the cluster's CA: the run reads every document over TLS.
            _ = try await client.request(.post, "/tasks", Self.taskBody(port: port, ssl: true, extra: #","tls_ca_file":"\#(caFile)""#))
            let trusted = try await Self.runNow(client, h, 1)
            #expect(trusted["status"]?.stringValue == "succeeded" && trusted["lines_read"] == .number(40), "\(trusted)")
            // Without it, the system's roots do not know the certificate: the handshake fails.
            _ = try await client.request(.post, "/tasks", Self.taskBody(port: port, ssl: true))
            let untrusted = try await Self.runNow(client, h, 2)
            #expect(Self.error(untrusted).contains("cannot reach OpenSearch at https://127.0.0.1:\(port)"), "\(untrusted)")
            // A CA file that cannot be read is named.
            _ = try await client.request(.post, "/tasks", Self.taskBody(port: port, ssl: true, extra: #","tls_ca_file":"/nonexistent/ca.pem""#))
            let missing = try await Self.runNow(client, h, 3)
            #expect(Self.error(missing).contains("cannot read tls_ca_file /nonexistent/ca.pem"), "\(missing)")
            #expect(fake.requests.withLock { $0.count } == 1, "only the trusted run reached the cluster")
            #expect(fake.problems.withLock { $0 } == [])
        }
    }

    @Test func hostsOutsideTheAllowListAre422() async throws {
        let harness = try await Harness.make(settings: [
            "WEIR_SECRET": "test-secret-0123456789", "WEIR_OPENSEARCH_HOSTS": "search.internal, 127.0.0.1:9200",
        ])
        defer { harness.remove() }
        try await Application(router: harness.server.makeRouter()).test(.router) { client in
            let outside = try await client.request(.post, "/tasks", Self.taskBody(port: 9300))
            #expect(outside.status == .unprocessableContent)
            #expect(outside.json["error"]?["fields"]?["target_data.host"]?.stringValue?.contains("WEIR_OPENSEARCH_HOSTS") == true, "\(outside.text)")
            let inside = try await client.request(.post, "/tasks", Self.taskBody(port: 9200))
            #expect(inside.status == .created, "\(inside.text)")
        }
        try await harness.store.close()
    }

    @Test func passwordsNeedASecretAndBadTargetsGet422PerField() async throws {
        let fake = FakeOpenSearch()
        try await withCluster(fake, secret: nil) { client, _, port in
            let refused = try await client.request(.post, "/tasks", Self.taskBody(port: port))
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.text.contains("target_data.auth_password") && refused.text.contains("WEIR_SECRET") && !refused.text.contains("s3cret-pass")
            )
            let bad = try await client.request(
                .post,
                "/tasks",
                #"{"name":"x","task_frequency":60,"next_run_time":"2027-01-15T08:01:00Z","target_data":{"type":"opensearch","host":"http://x","port":99999,"is_using_ssl":"yes","indice":"","fields":{"colour":"c"},"page_size":0,"extra":1},"properties":{}}"#
            )
            let fields = Set(bad.json["error"]?["fields"]?.objectValue?.keys.map { $0 } ?? [])
            #expect(
                fields == [
                    "target_data.host", "target_data.port", "target_data.is_using_ssl", "target_data.indice",
                    "target_data.fields.colour", "target_data.page_size", "target_data.extra",
                ],
                "\(bad.text)"
            )
            let open = try await client.request(.post, "/tasks", Self.taskBody(port: port, password: nil))
            #expect(open.status == .created && open.json["target_data"]?["auth_password_set"] == .bool(false), "\(open.text)")
        }
    }
}
