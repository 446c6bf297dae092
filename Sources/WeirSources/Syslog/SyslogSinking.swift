import WeirLog

/// Hands a batch to a sink and says what happened to it.
enum SyslogSinking {
    static func flush(_ batch: inout SyslogLines, into sink: any SyslogSink, tooLong: Int) -> SyslogTally {
        var tally = SyslogTally()
        tally.tooLong = tooLong
        guard batch.count > 0 else { return tally }
        tally.headerless = batch.headerless
        do {
            try sink.receive(batch)
            tally.messages = batch.count
        } catch {
            tally.lost = batch.count
            tally.lostBecause = "\(error)"
        }
        batch.removeAll()
        return tally
    }
}
