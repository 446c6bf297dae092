import Prometheus
import WeirSources

extension ServiceMetrics {
    /// Starts the families of a listener's address at 0, so they are there before traffic.
    func syslogListening(_ listen: String) {
        syslogRecord(listen, SyslogTally())
    }

    /// What a listener received: messages kept, kept whole without a header, refused, lost.
    func syslogRecord(_ listen: String, _ tally: SyslogTally) {
        registry.makeCounter(
            name: "weir_syslog_messages_total",
            labels: [("listen", listen)],
            help: "Syslog messages received and written to the journal."
        ).increment(by: Int64(tally.messages))
        registry.makeCounter(
            name: "weir_syslog_headerless_messages_total",
            labels: [("listen", listen)],
            help: "Syslog messages whose header did not parse, kept whole as the line."
        ).increment(by: Int64(tally.headerless))
        registry.makeCounter(
            name: "weir_syslog_refused_messages_total",
            labels: [("listen", listen), ("reason", "too_long")],
            help: "Syslog messages refused, by reason (too_long: over 64 KiB)."
        ).increment(by: Int64(tally.tooLong))
        registry.makeCounter(
            name: "weir_syslog_lost_messages_total",
            labels: [("listen", listen)],
            help: "Syslog messages received that could not be written to the journal (disk full, folder gone)."
        ).increment(by: Int64(tally.lost))
    }

    /// Lines a run of `taskID` found dropped from its journal (over its bound) before it read them.
    func syslogDropped(taskID: Int64, lines: Int64) {
        registry.makeCounter(
            name: "weir_syslog_dropped_lines_total",
            labels: [("task", String(taskID))],
            help: "Lines dropped from a syslog journal over its bound (WEIR_SYSLOG_JOURNAL_MB) before the task's runs read them."
        ).increment(by: lines)
    }
}
