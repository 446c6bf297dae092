import WeirGenerator

/// The kinds of anomaly the expert system injects into history to compare methods, and the
/// evaluation corpus is built with.
public enum AnomalyKind: String, Sendable, CaseIterable, Codable {
    /// One point far above the local level.
    case spike
    /// Ten points far below the local level (an outage).
    case drop
    /// Sixty points shifted up by half the level.
    case levelShift = "level_shift"
    /// Forty points ramping slowly up, then twenty held.
    case ramp
    /// Five points at several times the level: one client flooding.
    case flood
    /// Eight points doubled: a burst of errors.
    case errorBurst = "error_burst"

    /// Points the anomaly lasts.
    public var length: Int {
        switch self {
        case .spike: 1
        case .drop: 10
        case .levelShift: 60
        case .ramp: 60
        case .flood: 5
        case .errorBurst: 8
        }
    }
}
