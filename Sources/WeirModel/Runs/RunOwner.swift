import WeirDetect
import WeirRules

/// Who claims a run: this instance's id and how long its claim holds without renewal.
public struct RunOwner: Sendable, Equatable {
    public var instance: String
    public var leaseSeconds: Int64

    public init(instance: String, leaseSeconds: Int64) {
        self.instance = instance
        self.leaseSeconds = leaseSeconds
    }

    /// The owner of runs started by a single process (tests, `weir demo`).
    public static let local = RunOwner(instance: "local", leaseSeconds: 60)
}
