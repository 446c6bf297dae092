import WeirLog

/// Where a syslog listener puts the lines it received: a task's journal, or a live monitor.
package protocol SyslogSink: Sendable {
    /// Takes a batch of lines; throws when they could not be kept (the listener counts them lost).
    func receive(_ lines: SyslogLines) throws
}

extension SyslogJournal: SyslogSink {
    package func receive(_ lines: SyslogLines) throws { try append(lines) }
}
