import Foundation
import Prometheus
import Synchronization
import WeirCore

/// The process's own figures, in the names Prometheus client libraries use: resident memory,
/// CPU seconds, start time and open file descriptors, read from `/proc/self` at each scrape.
final class ProcessMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    /// CPU seconds already added to the counter.
    private let reportedCPU = Mutex<Double>(0)
    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    private static let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        cpu.increment(by: Int64(0))
        registry.makeGauge(name: "process_start_time_seconds", help: "Start time of the process since the Unix epoch, in seconds.")
            .set(SystemClock().time() - Self.uptime())
        update()
    }

    private var cpu: Counter {
        registry.makeCounter(name: "process_cpu_seconds_total", help: "User and system CPU time spent, in seconds.")
    }

    /// Reads the current figures into the registry.
    func update() {
        if let pages = Self.fields("/proc/self/statm").dropFirst().first.flatMap(Double.init) {
            registry.makeGauge(name: "process_resident_memory_bytes", help: "Resident memory size, in bytes.").set(pages * Self.pageSize)
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        registry.makeGauge(name: "process_open_fds", help: "Open file descriptors.").set(Double(open))
        let stat = Self.statFields()
        if stat.count > 14, let user = Double(stat[13]), let system = Double(stat[14]) {
            let total = (user + system) / Self.ticksPerSecond
            let delta = reportedCPU.withLock { reported -> Double in
                let delta = max(0, total - reported)
                reported += delta
                return delta
            }
            if delta > 0 { cpu.increment(by: delta) }
        }
    }

    /// Seconds since the process started (from `/proc/self/stat` and `/proc/uptime`).
    private static func uptime() -> Double {
        let stat = statFields()
        guard stat.count > 21, let startTicks = Double(stat[21]), let systemUp = fields("/proc/uptime").first.flatMap(Double.init) else {
            return 0
        }
        return max(0, systemUp - startTicks / ticksPerSecond)
    }

    /// The fields of `/proc/self/stat` after the command name (which may hold spaces), numbered
    /// as in proc(5) from field 1.
    private static func statFields() -> [String] {
        guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8), let close = text.lastIndex(of: ")") else { return [] }
        let head = text[..<close].split(separator: " ", maxSplits: 1).map(String.init)
        let rest = text[text.index(after: close)...].split(separator: " ").map(String.init)
        return head.prefix(1) + ["comm"] + rest
    }

    private static func fields(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
