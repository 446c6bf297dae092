import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeirService

/// The requests of `service.md`'s "Operating limits" that once crashed the service or were
/// accepted: each gets the specified answer, and the service goes on answering.
struct HostileRequestTests {
    func withAPI(token: String? = nil, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let harness = try await Harness.make(token: token)
        defer { harness.remove() }
        let app = Application(router: harness.server.makeRouter())
        try await app.test(.router) { client in
            try await body(client)
            #expect(try await client.request(.get, "/health").status == .ok, "the service still answers")
        }
        try await harness.store.close()
    }

    func message(_ response: TestResponse) -> String { response.json["error"]?["message"]?.stringValue ?? "" }

    static let task = Harness.taskBody(path: "/var/log/a.log")

    /// A task body with `field` replaced by the raw JSON `value`.
    static func task(with field: String, _ value: String) -> String {
        var object = try! JSONSerialization.jsonObject(with: Data(task.utf8)) as! [String: Any]
        object[field] = try! JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test(arguments: [
        ("task_frequency", "1e19", "task_frequency"),
        ("task_frequency", "-1e308", "task_frequency"),
        ("next_run_time", "1e19", "next_run_time"),
        ("next_run_time", #""2027-02-30T00:00:00Z""#, "next_run_time"),
        ("next_run_time", #""2027-01-15T08:01:00""#, "next_run_time"),
        ("next_run_time", #""1800000000""#, "next_run_time"),
        ("detection", #"{"method":{"name":"threshold","params":{"upper":-1e300}}}"#, "detection.method.params"),
        ("detection", #"{"method":{"name":"zscore","params":{"window":1e15}}}"#, "detection.method.params"),
        ("detection", #"{"method":{"name":"knn","params":{"dim":1e9}}}"#, "detection.method.params"),
        ("detection", #"{"method":{"name":"mad","params":{"k":"NaN"}}}"#, "detection.method.params.k"),
        ("properties", #"{"average_requests_per_time_interval":{"60":1e19}}"#, "properties.average_requests_per_time_interval.60"),
        ("properties", #"{"average_requests_per_time_interval":{"99999999999":5}}"#, "properties.average_requests_per_time_interval.99999999999"),
    ])
    func outOfRangeNumbersAre422NamingTheField(field: String, value: String, named: String) async throws {
        try await withAPI { client in
            let created = try await client.request(.post, "/tasks", Self.task(with: field, value))
            #expect(created.status == .unprocessableContent, "\(created.text)")
            #expect(Harness.errorFields(created)[named] != nil, "\(created.text)")
            let patched = try await client.request(.patch, "/tasks/1", #"{"\#(field)":\#(value)}"#)
            #expect(patched.status == .notFound || patched.status == .unprocessableContent)
        }
    }

    @Test func rangesAreInTheMessages() async throws {
        try await withAPI { client in
            let window = try await client.request(
                .post,
                "/tasks",
                Self.task(with: "detection", #"{"method":{"name":"zscore","params":{"window":1e15}}}"#)
            )
            #expect(Harness.errorFields(window)["detection.method.params"]?.contains("from 2 to 100000") == true, "\(window.text)")
            let limit = try await client.request(
                .post,
                "/tasks",
                Self.task(with: "properties", #"{"average_requests_per_time_interval":{"60":1e19}}"#)
            )
            #expect(Harness.errorFields(limit)["properties.average_requests_per_time_interval.60"]?.contains("at most 1000000000, got 1e+19") == true)
        }
    }

    @Test func findingFiltersTakeStrictTimes() async throws {
        try await withAPI { client in
            #expect(try await client.request(.post, "/tasks", Self.task).status == .created)
            for since in ["0", "2026-02-30T00:00:00Z", "2026-01-01T00:00:00", "yesterday"] {
                let response = try await client.request(.get, "/tasks/1/findings?since=\(since)")
                #expect(response.status == .unprocessableContent, "since=\(since)")
                #expect(Harness.errorFields(response)["since"] != nil)
            }
            let good = try await client.request(.get, "/tasks/1/findings?since=2026-01-01T00:00:00%2B01:00")
            #expect(good.status == .ok, "\(good.text)")
        }
    }

    @Test func theAuthSchemeIsCaseInsensitive() async throws {
        try await withAPI(token: "t0ken") { client in
            for scheme in ["Bearer", "bearer", "BEARER"] {
                let response = try await client.execute(
                    uri: "/tasks",
                    method: .get,
                    headers: [.authorization: "\(scheme) t0ken"],
                    body: nil
                )
                #expect(response.status == .ok, "\(scheme)")
            }
            let basic = try await client.execute(uri: "/tasks", method: .get, headers: [.authorization: "Basic t0ken"], body: nil)
            #expect(basic.status == .unauthorized)
        }
    }

    @Test func bodiesMustBeStrictJSON() async throws {
        try await withAPI { client in
            let plain = try await client.execute(
                uri: "/tasks",
                method: .post,
                headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: Self.task)
            )
            #expect(plain.status == .unsupportedMediaType)
            #expect(message(plain).contains("Content-Type: application/json"))
            let charset = try await client.execute(
                uri: "/tasks",
                method: .post,
                headers: [.contentType: "Application/JSON; charset=utf-8"],
                body: ByteBuffer(string: Self.task)
            )
            #expect(charset.status == .created, "\(charset.text)")

            let duplicate = try await client.request(.post, "/tasks", #"{"name":"a","name":"b"}"#)
            #expect(duplicate.status == .badRequest && message(duplicate).contains("\"name\" appears twice"))
            let nul = try await client.request(.post, "/tasks", Self.task.replacingOccurrences(of: #""front""#, with: #""fr\u0000ont""#))
            #expect(nul.status == .badRequest && message(nul).contains("NUL"))
            var invalid = Array(Self.task.utf8)
            invalid[invalid.firstIndex(of: UInt8(ascii: "f"))!] = 0xFF
            let utf8 = try await client.execute(
                uri: "/tasks",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: invalid)
            )
            #expect(utf8.status == .badRequest && message(utf8).contains("UTF-8"))
            let wrongType = try await client.request(.post, "/tasks", #"[1,2]"#)
            #expect(wrongType.status == .unprocessableContent)
            #expect(!wrongType.text.contains("Dictionary") && !wrongType.text.contains("DecodingError"))
            let deep = try await client.request(.post, "/tasks", String(repeating: "[", count: 10_000))
            #expect(deep.status == .badRequest && message(deep).contains("deeper"))
        }
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        try await withAPI { client in
            let list = try await client.request(.delete, "/tasks")
            #expect(list.status == .methodNotAllowed)
            #expect(list.headers[.allow] == "GET, POST")
            let one = try await client.request(.put, "/tasks/7")
            #expect(one.status == .methodNotAllowed)
            #expect(one.headers[.allow] == "DELETE, GET, PATCH")
            let unknown = try await client.request(.put, "/nowhere")
            #expect(unknown.status == .notFound)
        }
    }
}
