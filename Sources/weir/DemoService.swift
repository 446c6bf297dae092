import ArgumentParser
import Foundation
import Logging
import WeirCore
import WeirGenerator
import WeirLog
import WeirService
import WeirStore
import WeirTraffic
import ServiceLifecycle

/// The service part of the demo: a temporary database, one task on the demo log, the API on a
/// free port, and a reporter that prints each run and finding as it is committed.
struct DemoService {
    let group: ServiceGroup
    let running: Task<Void, any Error>
    let reporter: Task<Void, Never>

    static func start(directory: String, log: String) async throws -> DemoService {
        let settings = try Settings(values: ["WEIR_DATABASE_URL": "sqlite://\(directory)/weir.sqlite",
                                             "WEIR_LOG_DIR": "\(directory)/weir-logs", "WEIR_PORT": "0"])
        let logger = Logger(label: "weir-demo", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try await WeirServer.openStore(settings, logger: logger)
        let server = WeirServer(settings: settings, store: store, logger: logger)
        let now = server.clock.now()
        let task = try await store.createTask(MonitoringTask(
            name: "demo", description: "the demo log, checked every 10 s", frequency: 10, nextRunTime: now + 2,
            targetData: .object(["type": .string("file"), "path": .string(log), "format": .string("combined")]),
            properties: .object(["average_requests_per_time_interval": .object(["10": .number(150)])])), now: now)
        let app = server.makeApplication { port in
            Console.err("weir demo: service on http://127.0.0.1:\(port) with task \(task.id) on the demo log; try: curl -s http://127.0.0.1:\(port)/tasks/\(task.id)/findings")
        }
        let group = server.serviceGroup(application: app, signals: false)
        let running = Task { try await group.run() }
        let reporter = Task { await report(store: store, taskID: task.id) }
        return DemoService(group: group, running: running, reporter: reporter)
    }

    /// Prints each finished run and each new finding, every second, until cancelled.
    static func report(store: any WeirStore, taskID: Int64) async {
        var seenRun: Int64 = 0, seenFinding: Int64 = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            let runs = (try? await store.runs(taskID: taskID, limit: 20)) ?? []
            for run in runs.reversed() where run.id > seenRun && run.status != .running {
                seenRun = run.id
                Console.err("weir demo: service run \(run.id) (\(run.trigger.rawValue)) \(run.status.rawValue): \(run.linesRead) new lines, \(run.findingCount) findings")
            }
            let findings = (try? await store.findings(taskID: taskID, query: FindingQuery(limit: 50))) ?? []
            for f in findings.reversed() where f.id > seenFinding {
                seenFinding = f.id
                Console.err("weir demo: service finding \(f.id): \(f.finding.message)")
            }
        }
    }

    func stop() async {
        reporter.cancel()
        await group.triggerGracefulShutdown()
        _ = await running.result
    }
}
