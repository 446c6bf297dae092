import Hummingbird
import Prometheus
import Synchronization
import WeirCore
import WeirModel
import WeirRules

/// The service's Prometheus metrics, registered in an injected registry (no global bootstrap) and
/// rendered at `GET /metrics`. Every family exists from start-up with its `# HELP` and `# TYPE`:
/// counters at 0 for every trigger, status and rule, gauges at 0, process figures read at each
/// scrape.
public struct ServiceMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let process: ProcessMetrics

    /// The statuses a run can end with.
    static let endStatuses: [RunStatus] = [.succeeded, .failed, .interrupted]
    /// Run-duration buckets, from 10 ms to 5 minutes.
    static let runBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300),
    ]
    /// Request-duration buckets, from 1 ms to 10 s.
    static let requestBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(10),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        process = ProcessMetrics(registry: registry)
        for trigger in RunTrigger.allCases {
            for status in Self.endStatuses { runCounter(trigger: trigger.rawValue, status: status.rawValue).increment(by: Int64(0)) }
        }
        for rule in FindingRuleNames.all { findingCounter(rule).increment(by: Int64(0)) }
        registry.makeGauge(name: "weir_build_info", labels: [("version", WeirVersion.current)], help: "The running weir's version; always 1.")
            .set(Double(1))
        linesCounter.increment(by: Int64(0))
        malformedCounter.increment(by: Int64(0))
        _ = runDuration
        schedulerLagGauge.set(Double(0))
        inProgressGauge.set(Double(0))
        for rule in FindingRuleNames.all { openIncidentGauge(rule).set(Double(0)) }
        for type in ChannelType.allCases {
            for outcome in Self.deliveryOutcomes { notificationCounter(type.rawValue, outcome).increment(by: Int64(0)) }
        }
        trafficPageStarted()
    }

    // MARK: incidents and notifications

    static let deliveryOutcomes = ["delivered", "retried", "failed"]

    private func openIncidentGauge(_ rule: String) -> Gauge {
        registry.makeGauge(name: "weir_open_incidents", labels: [("rule", rule)], help: "Incidents open now, by rule.")
    }

    private func notificationCounter(_ type: String, _ outcome: String) -> Counter {
        registry.makeCounter(
            name: "weir_notification_attempts_total",
            labels: [("channel_type", type), ("outcome", outcome)],
            help: "Attempts to deliver notifications, by channel type and what followed: delivered, retried later, or failed for good."
        )
    }

    /// The open incidents of every rule, as the store counts them.
    func openIncidents(_ counts: [String: Int]) {
        for rule in FindingRuleNames.all { openIncidentGauge(rule).set(Double(counts[rule] ?? 0)) }
    }

    func notificationAttempted(channelType: String, outcome: DeliveryOutcome) {
        let name =
            switch outcome {
            case .delivered: "delivered"
            case .retry: "retried"
            case .failed: "failed"
            }
        notificationCounter(channelType, name).increment()
    }

    // MARK: runs

    private func runCounter(trigger: String, status: String) -> Counter {
        registry.makeCounter(
            name: "weir_task_runs_total",
            labels: [("trigger", trigger), ("status", status)],
            help: "Task runs ended, by what started them and how they ended."
        )
    }

    private func findingCounter(_ rule: String) -> Counter {
        registry.makeCounter(name: "weir_findings_total", labels: [("rule", rule)], help: "Findings committed, by rule.")
    }

    private var linesCounter: Counter {
        registry.makeCounter(name: "weir_lines_read_total", help: "Log lines read by task runs, malformed ones included.")
    }

    private var malformedCounter: Counter {
        registry.makeCounter(name: "weir_malformed_lines_total", help: "Log lines task runs could not parse.")
    }

    private var runDuration: DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "weir_task_run_duration",
                unitName: "seconds",
                helpText: "How long task runs took, from start to commit or abandon."
            ),
            labels: [],
            buckets: Self.runBuckets
        )
    }

    private var schedulerLagGauge: Gauge {
        registry.makeGauge(name: "weir_scheduler_lag_seconds", help: "How late the latest scheduled run started after its due time.")
    }

    private var inProgressGauge: Gauge {
        registry.makeGauge(name: "weir_runs_in_progress", help: "Task runs executing in this instance now.")
    }

    /// A run ended with `status`.
    func runEnded(trigger: String, status: String, seconds: Double) {
        runCounter(trigger: trigger, status: status).increment()
        runDuration.recordNanoseconds(Self.nanoseconds(seconds))
    }

    /// `seconds` in whole nanoseconds, saturated, as the duration histograms record them.
    private static func nanoseconds(_ seconds: Double) -> Int64 { Int64(saturating: seconds * 1e9) }

    func findingsCommitted(_ rules: [String]) {
        var counts: [String: Int] = [:]
        for rule in rules { counts[rule, default: 0] += 1 }
        for (rule, n) in counts { findingCounter(rule).increment(by: Int64(n)) }
    }

    func linesRead(_ lines: Int64, malformed: Int64) {
        linesCounter.increment(by: lines)
        malformedCounter.increment(by: malformed)
    }

    /// How late a scheduled run started after its due time.
    func schedulerLag(seconds: Int64) {
        schedulerLagGauge.set(Double(seconds))
    }

    func runsInProgress(_ n: Int) {
        inProgressGauge.set(Double(n))
    }

    // MARK: HTTP

    /// Makes the request series of `routes` exist at 0 before their first request, each with
    /// the status it answers on success.
    func prepareRequests(_ routes: [(method: String, route: String, status: Int)]) {
        for route in routes {
            requestCounter(method: route.method, route: route.route, status: route.status).increment(by: Int64(0))
            _ = requestDuration(method: route.method, route: route.route)
        }
    }

    /// A request to `route` (its pattern, `unmatched` for none) answered `status`.
    func requestServed(method: String, route: String, status: Int, duration: Duration) {
        requestCounter(method: method, route: route, status: status).increment()
        requestDuration(method: method, route: route).recordNanoseconds(Self.nanoseconds(duration.seconds))
    }

    private func requestCounter(method: String, route: String, status: Int) -> Counter {
        registry.makeCounter(
            name: "weir_http_requests_total",
            labels: [("method", method), ("route", route), ("status", String(status))],
            help: "HTTP requests answered, by method, route pattern and status."
        )
    }

    private func requestDuration(method: String, route: String) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "weir_http_request_duration",
                unitName: "seconds",
                helpText: "How long HTTP requests took to answer, by method and route pattern."
            ),
            labels: [("method", method), ("route", route)],
            buckets: Self.requestBuckets
        )
    }

    /// The Prometheus text exposition of every metric, process figures read now.
    public func render() -> String {
        process.update()
        return registry.emitToString()
    }
}
