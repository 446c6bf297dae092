import Synchronization
import WeirLog
import WeirModel

/// Which syslog addresses this instance listens on, and why it does not on the others: asked by
/// the scheduler (runs of a syslog task happen where its journal is written) and by runs (whose
/// notes say what is wrong).
public final class SyslogRegistry: Sendable {
    enum Status: Equatable {
        case listening
        case failed(String)
    }

    /// Whether this instance listens at all (`WEIR_SYSLOG_LISTEN`).
    public let listens: Bool
    private let statuses = Mutex<[SyslogAddress: Status]>([:])

    public init(listens: Bool) {
        self.listens = listens
    }

    func set(_ address: SyslogAddress, _ status: Status?) {
        statuses.withLock { $0[address] = status }
    }

    /// Whether the listener on `address` is up in this instance.
    public func isListening(_ address: SyslogAddress) -> Bool {
        statuses.withLock { $0[address] } == .listening
    }

    /// Whether this instance should run `task`: any task but a syslog one whose listener is elsewhere.
    public func runsHere(_ task: MonitoringTask) -> Bool {
        guard case .syslog(let target) = task.target else { return true }
        return isListening(target.address)
    }

    /// What keeps this instance from receiving on `address`, or `nil` when it listens.
    public func problem(_ address: SyslogAddress) -> String? {
        switch statuses.withLock({ $0[address] }) {
        case .listening: nil
        case .failed(let message): message
        case nil where !listens:
            "this weir does not listen for syslog (WEIR_SYSLOG_LISTEN=false); run the task on the instance that receives \(address)"
        case nil:
            "this weir is not listening on \(address): the task is paused, or its listener starts within seconds of the task being saved; run it again then"
        }
    }
}
