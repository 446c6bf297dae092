import Foundation
import Hummingbird
import HummingbirdTLS
import NIOCore
import NIOSSL
import Synchronization
import Testing
import WeirCore
import WeirRules

/// A small HTTP server that answers OpenSearch's documented `_search` API over a list of
/// documents, the way a real cluster pages with `sort` and `search_after`, and records every
/// request. It checks each request's shape strictly (method, path, headers, body keys, query,
/// sort, `search_after`, size, basic auth) and records every deviation in `problems`.
final class FakeOpenSearch: Sendable {
    struct Document: Sendable {
        var id: String
        var millis: Int64
        var source: JSONValue
    }

    struct Recorded: Sendable {
        var index: String
        var authorization: String?
        var body: JSONValue
    }

    let index: String
    let user: String
    let password: String
    /// The document field the sort and range use.
    let timeField: String
    let documents = Mutex<[Document]>([])
    let requests = Mutex<[Recorded]>([])
    let problems = Mutex<[String]>([])
    /// Statuses to answer, one per request, before answering normally (503 for a busy cluster).
    let failures = Mutex<[Int]>([])

    init(index: String = "nginx-2026.11", user: String = "weir", password: String = "s3cret-pass", timeField: String = "@timestamp") {
        self.index = index
        self.user = user
        self.password = password
        self.timeField = timeField
    }

    /// Adds `count` documents from `first` on: three per millisecond timestamp (so that pages end
    /// inside a group of equal times); every 100th comes from the blacklisted 192.0.2.9.
    /// `shape` makes a document's `_source` from its time, client and number.
    func add(
        _ count: Int,
        first: Int,
        startMillis: Int64 = 1_795_000_000_000,
        shape: (String, String, Int) -> JSONValue = FakeOpenSearch.source
    ) {
        documents.withLock { docs in
            for i in first..<(first + count) {
                let millis = startMillis + Int64(i / 3) * 250
                let client = i % 100 == 0 ? "192.0.2.9" : "10.0.\(i % 7).\(i % 50)"
                let iso = ISO8601DateFormatter.withMillis.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
                docs.append(Document(id: String(format: "doc-%06d", i), millis: millis, source: shape(iso, client, i)))
            }
        }
    }

    static func source(time: String, client: String, i: Int) -> JSONValue {
        .object([
            "@timestamp": .string(time), "remote": .string(client), "path": .string("/p/\(i % 7)"), "scheme": .string("https"),
            "method": .string("GET"), "code": .number(200), "size": .number(512), "agent": .string("curl/8"),
        ])
    }

    /// Starts serving on a free loopback port, over TLS with ``TestCertificate`` when `tls`;
    /// returns the port and the task to cancel.
    func start(tls: Bool = false) async throws -> (port: Int, task: Task<Void, any Error>) {
        let router = Router()
        router.post("/:index/_search") { request, context in try await self.answer(request, context) }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let configuration = ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
        let onRunning: @Sendable (any Channel) async -> Void = { continuation.yield($0.localAddress?.port ?? 0) }
        let task: Task<Void, any Error>
        if tls {
            let server = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(TestCertificate.certificatePEM.utf8)).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(TestCertificate.privateKeyPEM.utf8), format: .pem))
            )
            let app = Application(
                router: router,
                server: try .tls(.http1(), tlsConfiguration: server),
                configuration: configuration,
                onServerRunning: onRunning
            )
            task = Task { try await app.runService(gracefulShutdownSignals: []) }
        } else {
            let app = Application(router: router, configuration: configuration, onServerRunning: onRunning)
            task = Task { try await app.runService(gracefulShutdownSignals: []) }
        }
        var iterator = stream.makeAsyncIterator()
        return (await iterator.next() ?? 0, task)
    }

    private func answer(_ request: Hummingbird.Request, _ context: BasicRequestContext) async throws -> Response {
        let index = context.parameters.get("index") ?? ""
        let data = try await request.body.collect(upTo: 1 << 20)
        let body = (try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: data))) ?? .null
        let authorization = request.headers[.authorization]
        requests.withLock { $0.append(Recorded(index: index, authorization: authorization, body: body)) }
        if request.headers[.contentType] != "application/json" { problem("Content-Type is \(request.headers[.contentType] ?? "missing")") }
        let expected = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        guard authorization == expected else {
            return Self.reply(
                401,
                #"{"error":{"root_cause":[{"type":"security_exception","reason":"unable to authenticate user"}],"type":"security_exception","reason":"unable to authenticate user"},"status":401}"#
            )
        }
        guard index == self.index else {
            return Self.reply(
                404,
                #"{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [\#(index)]"}],"type":"index_not_found_exception","reason":"no such index [\#(index)]"},"status":404}"#
            )
        }
        if let status = failures.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            return Self.reply(
                status,
                #"{"error":{"root_cause":[{"type":"busy","reason":"try later"}],"type":"busy","reason":"try later"},"status":\#(status)}"#
            )
        }
        return Self.reply(200, try hits(for: body))
    }

    /// The page a real cluster gives, after checking the body's shape.
    private func hits(for body: JSONValue) throws -> String {
        let keys = Set(body.objectValue?.keys.map { $0 } ?? [])
        if !keys.isSuperset(of: ["size", "query", "sort"]) || !keys.isSubset(of: ["size", "query", "sort", "search_after", "track_total_hits"]) {
            problem("body keys \(keys.sorted())")
        }
        let size = body["size"]?.integerValue ?? -1
        if !(1...10_000).contains(size) { problem("size \(size)") }
        let sort: JSONValue = .array([.object([timeField: .object(["order": .string("asc")])]), .object(["_id": .object(["order": .string("asc")])])])
        if body["sort"] != sort { problem("sort \(String(describing: body["sort"]))") }
        var since: Int64 = .min
        switch body["query"] {
        case .object(let q)? where q == ["match_all": .object([:])]:
            break
        case .object(let q)? where q.keys.map({ $0 }) == ["range"]:
            let bound = q["range"]?[timeField]
            if bound?["format"]?.stringValue != "epoch_millis" || bound?.objectValue?.count != 2 { problem("range \(String(describing: bound))") }
            since = Int64(bound?["gte"]?.numberValue ?? .nan)
        default:
            problem("query \(String(describing: body["query"]))")
        }
        var after: (Int64, String)?
        if let values = body["search_after"] {
            guard let list = values.arrayValue, list.count == 2, let millis = list[0].numberValue, let id = list[1].stringValue else {
                problem("search_after \(values)")
                return #"{"hits":{"hits":[]}}"#
            }
            after = (Int64(millis), id)
        }
        let page = documents.withLock { docs in
            docs.sorted { ($0.millis, $0.id) < ($1.millis, $1.id) }
                .filter { $0.millis >= since }
                .filter { doc in after.map { (doc.millis, doc.id) > $0 } ?? true }
                .prefix(max(size, 0))
        }
        let hits = page.map { doc -> JSONValue in
            .object([
                "_index": .string(index), "_id": .string(doc.id), "_score": .null, "_source": doc.source,
                "sort": .array([.number(Double(doc.millis)), .string(doc.id)]),
            ])
        }
        let response: JSONValue = .object(["took": .number(1), "timed_out": .bool(false), "hits": .object(["hits": .array(hits)])])
        return String(decoding: try JSONEncoder().encode(response), as: UTF8.self)
    }

    private func problem(_ text: String) { problems.withLock { $0.append(text) } }

    private static func reply(_ status: Int, _ body: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let withMillis: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()
}
