import WeirLog
import WeirModel
import WeirSources

/// How the dashboard writes tasks, runs and instants in words.
enum TaskText {
    /// Where a task reads: the file and its format, or the OpenSearch index.
    static func target(_ task: MonitoringTask) -> String {
        switch task.target {
        case .file(let path, let format): "\(path) (\(format))"
        case .openSearch(let target): "OpenSearch \(target.host):\(target.port)/\(target.index)"
        case .syslog(let target): "syslog \(target.address) (\(target.format))"
        }
    }

    /// A task's state and the badge class it is shown with.
    static func state(_ task: MonitoringTask) -> (text: String, css: String) {
        task.isActive ? ("active", "ok") : ("paused", "muted")
    }

    /// A run in a few words: its status and when it started.
    static func run(_ run: RunRecord) -> String {
        "\(run.status.rawValue), \(instant(run.startedAt))"
    }

    /// An instant in UTC, to the second.
    static func instant(_ seconds: Int64) -> String {
        Timestamps.rfc3339(seconds)
    }

    /// A number of seconds as the largest whole unit that divides it ("5 min", "1 h", "90 s").
    static func period(_ seconds: Int64) -> String {
        for (unit, length) in [("d", Int64(86_400)), ("h", 3_600), ("min", 60)] where seconds >= length && seconds % length == 0 {
            return "\(seconds / length) \(unit)"
        }
        return "\(seconds) s"
    }

    /// The badge class of a run's status.
    static func statusClass(_ status: RunStatus) -> String {
        switch status {
        case .succeeded: "ok"
        case .running: "busy"
        case .failed: "bad"
        case .interrupted: "warn"
        }
    }

    /// The format names a form offers: detection first, then every named format.
    static var formatNames: [String] {
        ["auto"] + LogFormat.namedApacheFormats.map(\.name) + ["json", "caddy"] + LogFormat.vendorTemplates.map(\.name)
    }
}
