import Logging
import ServiceLifecycle
import WeirCore
import WeirRules
import WeirService
import WeirStore

/// The service part of the demo: a temporary database, one task on the demo log, the API on a
/// free port, and a reporter that prints each run and finding as the post-commit event stream
/// tells of them.
struct DemoService {
    let group: ServiceGroup
    let running: Task<Void, any Error>
    let reporter: Task<Void, Never>

    static func start(directory: String, log: String) async throws -> DemoService {
        let settings = try Settings(values: [
            "WEIR_DATABASE_URL": "sqlite://\(directory)/weir.sqlite",
            "WEIR_LOG_DIR": "\(directory)/weir-logs",
            "WEIR_PORT": "0",
            "WEIR_SOURCE_DIRS": directory,
        ])
        let logger = Logger(label: "weir-demo", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try await WeirServer.openStore(settings, logger: logger)
        let server = WeirServer(settings: settings, store: store, logger: logger)
        let now = server.clock.now()
        let draft = MonitoringTask.onFile(
            log,
            format: "combined",
            name: "demo",
            description: "the demo log, checked every 10 s",
            frequency: 10,
            nextRunTime: now + 2,
            rules: try TaskRules(properties: .object(["average_requests_per_time_interval": .object(["10": .number(150)])]))
        )
        let task = try await store.createTask(draft, now: now)
        let app = server.makeApplication { port in
            Console.err(
                "weir demo: service on http://127.0.0.1:\(port) with task \(task.id) on the demo log; "
                    + "try: curl -s http://127.0.0.1:\(port)/tasks/\(task.id)/findings"
            )
        }
        let events = server.events.subscribe()
        let group = server.serviceGroup(application: app, signals: false)
        let running = Task { try await group.run() }
        let reporter = Task { await report(events, store: store) }
        return DemoService(group: group, running: running, reporter: reporter)
    }

    /// Prints each ended run and the findings it committed, as they are committed.
    static func report(_ events: AsyncStream<CommitEvent>, store: any FindingStore) async {
        var seenFinding: Int64 = 0
        for await event in events {
            switch event {
            case .runEnded(let run):
                Console.err(
                    "weir demo: service run \(run.id) (\(run.trigger.rawValue)) \(run.status.rawValue): "
                        + "\(run.linesRead) new lines, \(run.findingCount) findings"
                )
            case .findingsCommitted(let taskID, _, let count):
                let findings = (try? await store.findings(taskID: taskID, query: FindingQuery(limit: max(count, 50)))) ?? []
                for record in findings.reversed() where record.id > seenFinding {
                    seenFinding = record.id
                    Console.err("weir demo: service finding \(record.id): \(record.finding.message)")
                }
            }
        }
    }

    func stop() async {
        reporter.cancel()
        await group.triggerGracefulShutdown()
        _ = await running.result
    }
}
