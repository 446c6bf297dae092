import Logging
import ServiceLifecycle
import WeirCore
import WeirModel
import WeirNotify
import WeirRules
import WeirService
import WeirStore

/// The service part of the demo: a temporary database, one task on the demo log, the API on a
/// free port, and a reporter that prints each run and finding as the post-commit event stream
/// tells of them. ``Demo`` runs the group and the reporter.
struct DemoService {
    let group: ServiceGroup
    let events: AsyncStream<CommitEvent>
    let store: any WeirStore

    /// Builds the service; `endpoints` become channels the demo task notifies.
    static func prepare(directory: String, log: String, endpoints: [Endpoint] = []) async throws -> DemoService {
        let token = RandomHex.make(bytes: 16)
        let settings = try Settings(values: [
            "WEIR_API_TOKEN": token,
            "WEIR_DATABASE_URL": "sqlite://\(directory)/weir.sqlite",
            "WEIR_LOG_DIR": "\(directory)/weir-logs",
            "WEIR_PORT": "0",
            "WEIR_SOURCE_DIRS": directory,
        ])
        let logger = Logger(label: "weir-demo", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try await WeirServer.openStore(settings, logger: logger)
        let server = WeirServer(settings: settings, store: store, logger: logger)
        let now = server.clock.now()
        var channels: [Int64] = []
        for (n, endpoint) in endpoints.enumerated() {
            let type = ChannelType(rawValue: endpoint.kind.rawValue) ?? .webhook
            channels.append(try await store.createChannel(Channel(name: "demo-\(n + 1)", type: type, url: endpoint.url), now: now).id)
        }
        var draft = MonitoringTask.onFile(
            log,
            format: "combined",
            name: "demo",
            description: "the demo log, checked every 10 s",
            frequency: 10,
            nextRunTime: now + 2,
            rules: try TaskRules(properties: .object(["average_requests_per_time_interval": .object(["10": .number(150)])]))
        )
        draft.incidentQuietSeconds = 60  // the burst's incident resolves within the demo
        draft.notifyChannels = channels
        let task = try await store.createTask(draft, now: now)
        let app = server.makeApplication { port in
            Console.err(
                "weir demo: service on http://127.0.0.1:\(port) with task \(task.id) on the demo log; "
                    + "try: curl -s -H 'Authorization: Bearer \(token)' http://127.0.0.1:\(port)/tasks/\(task.id)/incidents"
            )
            Console.err(
                "weir demo: dashboard: open http://127.0.0.1:\(port)\(server.oneTimeLoginPath()) "
                    + "(a link that logs in once, within 10 minutes; the token is \(token))"
            )
        }
        let events = server.events.subscribe()
        return DemoService(group: server.serviceGroup(application: app, signals: false), events: events, store: store)
    }

    /// Prints each ended run, the findings it committed and the incidents it opened or
    /// resolved, as they are committed.
    static func report(_ events: AsyncStream<CommitEvent>, store: any FindingStore & IncidentStore) async {
        var seenFinding: Int64 = 0
        var told: [Int64: IncidentState] = [:]
        for await event in events {
            switch event {
            case .runEnded(let run):
                Console.err(
                    "weir demo: service run \(run.id) (\(run.trigger.rawValue)) \(run.status.rawValue): "
                        + "\(run.linesRead) new lines, \(run.findingCount) findings"
                )
                let incidents = (try? await store.incidents(IncidentQuery(taskID: run.taskID, limit: 20))) ?? []
                for incident in incidents.reversed() where told[incident.id] != incident.state {
                    told[incident.id] = incident.state
                    let verb = incident.state == .open ? "opened" : "resolved"
                    Console.err("weir demo: service incident \(incident.id) \(verb): \(incident.summary)")
                }
            case .findingsCommitted(let taskID, _, let count):
                let findings = (try? await store.findings(taskID: taskID, query: FindingQuery(limit: max(count, 50)))) ?? []
                for record in findings.reversed() where record.id > seenFinding {
                    seenFinding = record.id
                    Console.err("weir demo: service finding \(record.id): \(record.finding.message)")
                }
            case .incidentsResolved:
                break  // the demo never pauses its task
            }
        }
    }
}
