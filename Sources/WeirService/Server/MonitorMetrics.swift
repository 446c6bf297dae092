import Hummingbird
import Logging
import Synchronization
import WeirCore
import WeirTraffic

/// `weir monitor --metrics-listen HOST:PORT`: the traffic families of `weir serve`'s `/metrics`
/// for the followed log (its path, or the syslog address, as the `task` label), so the console
/// monitor doubles as a sidecar exporter. The monitor publishes its counts after each poll; a
/// scrape renders the latest.
public final class MonitorMetrics: Sendable {
    public let source: String
    private let latest = Mutex(TrafficCounts())

    public init(source: String) {
        self.source = source
    }

    /// The counts so far (the monitor calls it from its own task).
    public func publish(_ counts: TrafficCounts) {
        latest.withLock { $0 = counts }
    }

    /// The page a scrape gets.
    public var page: String {
        let counts = latest.withLock { $0 }
        return "# HELP weir_build_info The running weir's version; always 1.\n# TYPE weir_build_info gauge\n"
            + "weir_build_info{version=\"\(TrafficExposition.escaped(WeirVersion.current))\"} 1\n"
            + TrafficExposition.render([(task: source, name: source, counts: counts)])
    }

    /// Serves `GET /metrics` on `host:port` while `body` runs; throws before `body` when the
    /// address cannot be listened on.
    public func serving(host: String, port: Int, _ body: () async throws -> Void) async throws {
        let router = Router()
        router.get("/metrics") { [self] _, _ in Response.text(page, type: "text/plain; version=0.0.4; charset=utf-8") }
        let (started, signal) = AsyncStream<(any Error)?>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "weir-monitor"),
            onServerRunning: { _ in signal.yield(nil) },
            logger: Logger(label: "weir.monitor.metrics", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do { try await app.run() } catch { signal.yield(error) }
                signal.finish()
            }
            defer { group.cancelAll() }
            for await failure in started {
                if let failure { throw MonitorMetricsError(host: host, port: port, error: failure) }
                break
            }
            try await body()
        }
    }
}
