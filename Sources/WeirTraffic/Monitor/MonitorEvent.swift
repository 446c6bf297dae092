/// What the monitor reports: a stats block at every tick, alerts and recoveries.
public enum MonitorEvent: Sendable, Equatable {
    case stats(StatsBlock)
    case alert(AlertChange)
    case recovered(AlertChange)
}
