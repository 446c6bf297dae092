import CoreMetrics
import Prometheus
import WeirCore

/// The service's Prometheus metrics, made through swift-metrics with an injected factory (no
/// global bootstrap), and rendered at `GET /metrics` from the registry behind it.
public struct ServiceMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
            .seconds(30), .seconds(60), .seconds(300),
        ]
        self.factory = factory
    }

    /// A run ended with `status`.
    func runEnded(trigger: String, status: String, seconds: Double) {
        Counter(label: "weir_task_runs_total", dimensions: [("trigger", trigger), ("status", status)], factory: factory).increment()
        Timer(label: "weir_task_run_duration_seconds", dimensions: [], factory: factory)
            .recordNanoseconds(Int64(seconds * 1e9))
    }

    func findingsCommitted(_ rules: [String]) {
        var counts: [String: Int] = [:]
        for rule in rules { counts[rule, default: 0] += 1 }
        for (rule, n) in counts { Counter(label: "weir_findings_total", dimensions: [("rule", rule)], factory: factory).increment(by: n) }
    }

    func linesRead(_ lines: Int64, malformed: Int64) {
        Counter(label: "weir_lines_read_total", factory: factory).increment(by: Int(lines))
        Counter(label: "weir_malformed_lines_total", factory: factory).increment(by: Int(malformed))
    }

    /// How late a scheduled run started after its due time.
    func schedulerLag(seconds: Int64) {
        Gauge(label: "weir_scheduler_lag_seconds", factory: factory).record(Double(seconds))
    }

    func runsInProgress(_ n: Int) {
        Gauge(label: "weir_runs_in_progress", factory: factory).record(Double(n))
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> String {
        registry.emitToString()
    }
}
