import Foundation
import Logging
import WeirCore
import WeirDetect
import WeirModel
import WeirRules
import WeirService
import WeirSources
import WeirStore
import WeirTraffic

/// A service for ``TaskBenchmark`` to time runs on: a temporary SQLite database and folders, the
/// service's own store, runner and coordinator, and the file to run tasks on.
final class BenchService: Sendable {
    let path: String
    let folder: String
    let store: any WeirStore
    let server: WeirServer
    var coordinator: RunCoordinator { server.coordinator }

    /// A service over a new temporary folder, with `settings` added to its database and folders.
    init(path: String, settings values: [String: String], parsingThreads: Int) async throws {
        self.path = path
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("weir-task-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let settings = try Settings(
            values: [
                "WEIR_DATABASE_URL": "sqlite://\(folder)/weir.sqlite", "WEIR_LOG_DIR": "\(folder)/logs", "WEIR_SOURCE_DIRS": source,
            ].merging(values) { _, given in given }
        )
        let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        store = try await WeirServer.openStore(settings, logger: logger)
        var sources = SourceContext(vault: nil)
        sources.parsingThreads = parsingThreads
        server = WeirServer(settings: settings, store: store, logger: logger, sources: sources)
    }

    /// Times one run of a new task (all five rules, from the start of the file) named `name`, and
    /// returns its record.
    func time(
        name: String,
        detection: Bool,
        metrics: TrafficMetricsOptions = TrafficMetricsOptions()
    ) async throws -> (seconds: Double, run: RunRecord) {
        var draft = MonitoringTask.onFile(
            path,
            name: name,
            frequency: 86_400,
            nextRunTime: server.clock.now() + 86_400,
            rules: try TaskRules(properties: TaskBenchmark.properties)
        )
        draft.detection = try TaskDetection(json: .object(["enabled": .bool(detection)]))
        draft.trafficMetrics = metrics
        let task = try await store.createTask(draft, now: server.clock.now())
        let start = ContinuousClock.now
        guard case .started(let run) = try await coordinator.start(taskID: task.id, trigger: .manual) else {
            throw StoreError("the benchmark run did not start")
        }
        await coordinator.waitUntilIdle()
        let seconds = start.duration(to: .now).seconds
        return (seconds, try await store.run(id: run.id) ?? run)
    }

    /// Deletes the temporary folder.
    func removeFolder() { try? FileManager.default.removeItem(atPath: folder) }
}
