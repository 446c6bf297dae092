import Logging
import Synchronization
import WeirCore
import WeirSources

/// Logs what a syslog listener refused or lost, at most once a minute per listener, with the
/// counts since the last warning: a flood of bad messages gives a few lines, not one per message.
final class SyslogWarnings: Sendable {
    let address: String
    let clock: any WallClock
    let logger: Logger
    private let pending = Mutex<(tally: SyslogTally, lastWarned: Double)>((SyslogTally(), -.infinity))

    init(address: String, clock: any WallClock, logger: Logger) {
        self.address = address
        self.clock = clock
        self.logger = logger
    }

    func note(_ tally: SyslogTally) {
        guard tally.tooLong > 0 || tally.lost > 0 else { return }
        let now = clock.time()
        let due: SyslogTally? = pending.withLock { state in
            state.tally.tooLong += tally.tooLong
            state.tally.lost += tally.lost
            state.tally.lostBecause = tally.lostBecause ?? state.tally.lostBecause
            guard now - state.lastWarned >= 60 else { return nil }
            let due = state.tally
            state = (SyslogTally(), now)
            return due
        }
        guard let due else { return }
        if due.tooLong > 0 {
            logger.warning(
                "refused syslog messages over 64 KiB",
                metadata: ["listen": "\(address)", "messages": "\(due.tooLong)"]
            )
        }
        if due.lost > 0 {
            logger.error(
                "could not write received syslog messages to the journal; they are lost",
                metadata: ["listen": "\(address)", "messages": "\(due.lost)", "error": "\(due.lostBecause ?? "")"]
            )
        }
    }
}
