import WeirDetect
import WeirRules

/// Where a run is.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    /// Started, not yet committed.
    case running
    /// Findings and checkpoint committed.
    case succeeded
    /// Stopped by an error; nothing committed.
    case failed
    /// Stopped by a shutdown or a crash; nothing committed, the next run reads the same lines.
    case interrupted
}
