import WeirLog

/// The lines a listener's socket brought in one read, handed to the sink at the read's end, and
/// what became of them told to `report`.
struct SyslogBatcher {
    private var batch: SyslogLines
    let sink: any SyslogSink
    let report: @Sendable (SyslogTally) -> Void

    init(keepsHost: Bool, sink: any SyslogSink, report: @escaping @Sendable (SyslogTally) -> Void) {
        self.batch = SyslogLines(keepsHost: keepsHost)
        self.sink = sink
        self.report = report
    }

    mutating func add(_ message: UnsafeRawBufferPointer) { batch.add(message) }

    /// Hands the batch to the sink; `tooLong` messages were refused since the last flush.
    mutating func flush(tooLong: Int) {
        var tally = SyslogTally()
        tally.tooLong = tooLong
        if batch.count > 0 {
            tally.headerless = batch.headerless
            do {
                try sink.receive(batch)
                tally.messages = batch.count
            } catch {
                tally.lost = batch.count
                tally.lostBecause = "\(error)"
            }
            batch.removeAll()
        }
        if !tally.isEmpty || tally.headerless > 0 { report(tally) }
    }
}
