import WeirModel
import WeirTraffic

extension NotificationEvent {
    /// The console monitor's alert or recovery on `file`, as the service's channels send events:
    /// `monitor.alert` or `monitor.recovered`, rule `high_traffic`, the file as the key. `nil` for
    /// a stats block.
    public init?(monitor event: MonitorEvent, file: String, output: MonitorOutput = MonitorOutput(style: .text)) {
        let change: AlertChange
        let name: String
        switch event {
        case .alert(let a): (change, name) = (a, "monitor.alert")
        case .recovered(let a): (change, name) = (a, "monitor.recovered")
        case .stats: return nil
        }
        let resolved = name == "monitor.recovered"
        self.init(
            event: name,
            incident: Incident(
                taskID: 0,
                rule: "high_traffic",
                key: file,
                state: resolved ? .resolved : .open,
                openedAt: change.at,
                lastSeen: change.at,
                resolvedAt: resolved ? change.at : nil,
                peak: Int64(change.windowHits),
                findings: 0,
                summary: output.render(event) ?? name
            ),
            taskID: nil,
            taskName: file
        )
    }
}
