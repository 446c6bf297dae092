import WeirDetect
import WeirRules

/// What started a run.
public enum RunTrigger: String, Sendable, Codable, CaseIterable {
    case scheduled
    case autoCheck = "auto_check"
    case manual
    /// Runs again the work of a run whose instance stopped renewing its lease.
    case takeover

    /// Whether the run starts only while the task is due (a second instance that looked at the
    /// same moment then starts nothing).
    public var requiresDue: Bool { self == .scheduled || self == .autoCheck }
}
