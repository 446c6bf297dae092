import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import WeirCore
import WeirGenerator
import WeirModel
import WeirRules
import WeirService
import WeirSources
import WeirStore
import WeirTestSupport

/// A temporary folder with a SQLite database, a log folder and the service built on them by the
/// composition root.
struct Harness {
    static let start: Int64 = 1_800_000_000  // 2027-01-15T08:00:00Z
    let directory: String
    let settings: Settings
    let store: any WeirStore
    let server: WeirServer
    let clock: ManualClock

    static func make(
        token: String? = nil,
        clock: ManualClock = ManualClock(Harness.start),
        directory: String? = nil,
        settings extra: [String: String] = [:],
        sources: SourceContext? = nil,
        onProgress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) async throws -> Harness {
        let dir = directory ?? TemporaryFolder.path("weir-service")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var values = [
            "WEIR_DATABASE_URL": "sqlite://\(dir)/weir.sqlite", "WEIR_LOG_DIR": "\(dir)/logs", "WEIR_PORT": "0",
            "WEIR_SOURCE_DIRS": "\(dir):/var/log", "WEIR_SYSLOG_DIR": "\(dir)/syslog",
        ]
        if let token { values["WEIR_API_TOKEN"] = token }
        values.merge(extra) { $1 }
        let settings = try Settings(values: values)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try await WeirServer.openStore(settings, logger: logger, clock: clock)
        let server = WeirServer(settings: settings, store: store, clock: clock, logger: logger, sources: sources, onProgress: onProgress)
        return Harness(directory: dir, settings: settings, store: store, server: server, clock: clock)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A task on the file `path` with no rules, written straight to the store (no API validation).
    func storedTask(_ name: String, path: String, format: String = "combined") async throws -> MonitoringTask {
        try await store.createTask(
            MonitoringTask(
                name: name,
                description: "",
                frequency: 3_600,
                nextRunTime: Harness.start + 3_600,
                target: .file(path: path, format: format),
                rules: try TaskRules(properties: .object([:]))
            ),
            now: Harness.start
        )
    }

    /// Runs `task` once through the coordinator and returns the ended run.
    func runOnce(_ task: MonitoringTask) async throws -> RunRecord {
        let coordinator = server.coordinator
        try await withCoordinator {
            _ = try await coordinator.start(taskID: task.id, trigger: .manual)
            await coordinator.waitUntilIdle()
        }
        return try #require(try await store.runs(taskID: task.id, limit: 1).first)
    }

    /// Runs `body` with the coordinator executing runs, then stops it.
    func withCoordinator(_ body: () async throws -> Void) async throws {
        let coordinator = server.coordinator
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await coordinator.run() }
            defer { group.cancelAll() }
            try await body()
        }
    }

    /// Writes a generated combined log of `count` lines, one per `1/rate` s from `start`.
    func writeLog(
        _ name: String = "access.log",
        count: Int,
        rate: Double = 20,
        profile: TrafficProfile = .attack,
        start: Int64 = Harness.start - 86_400
    ) throws -> String {
        let path = "\(directory)/\(name)"
        var generator = TrafficGenerator(profile: profile, seed: 7)
        try GeneratorRun.fast(count: count, start: start, rate: rate, generator: &generator, sink: LineSink(path: path, truncate: true))
        return path
    }

    /// A create body for a file task.
    static func taskBody(
        path: String,
        name: String = "front",
        next: String = "2027-01-15T08:01:00Z",
        frequency: Int = 60,
        properties: String = #"{"black_ip_address":["192.0.2.0/24"]}"#
    ) -> String {
        #"{"name":"\#(name)","description":"d","task_frequency":\#(frequency),"next_run_time":"\#(next)","#
            + #""target_data":{"type":"file","path":"\#(path)","format":"combined"},"properties":\#(properties)}"#
    }
}

extension TestResponse {
    /// The body parsed as JSON.
    var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView))) ?? .null }
    var text: String { String(buffer: body) }
}

extension Harness {
    /// The `fields` of an error response, by field.
    static func errorFields(_ response: TestResponse) -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in response.json["error"]?["fields"]?.objectValue ?? [:] { fields[key] = value.stringValue }
        return fields
    }
}

extension TestClientProtocol {
    @discardableResult
    func request(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}
