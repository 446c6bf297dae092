/// The kinds of anomaly the expert system injects into history to compare methods (all of
/// them), and the generated evaluation corpus is built with (the ``classic`` six). The last two
/// are what real series show and short events do not: a level that changes for good, and a
/// source that stops reporting.
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
    /// A shift by half the level that lasts to the end of the series; its first 30 points are
    /// the anomaly, and the new level is the norm after them.
    case persistentShift = "persistent_shift"
    /// Twenty points at zero: the source stopped reporting.
    case dropout

    /// The kinds of the generated evaluation corpus, as it has been since it was made.
    public static let classic: [AnomalyKind] = [.spike, .drop, .levelShift, .ramp, .flood, .errorBurst]

    /// Points the anomaly lasts: its labelled window (a shift that persists changes the series
    /// beyond it).
    public var length: Int {
        switch self {
        case .spike: 1
        case .drop: 10
        case .levelShift: 60
        case .ramp: 60
        case .flood: 5
        case .errorBurst: 8
        case .persistentShift: 30
        case .dropout: 20
        }
    }
}
