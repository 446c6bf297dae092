/// An alert raised or cleared at a tick.
public struct AlertChange: Sendable, Equatable {
    /// The tick, Unix seconds.
    public var at: Int64
    /// `windowHits / window`.
    public var average: Double
    public var windowHits: Int
    public var threshold: Double

    public init(at: Int64, average: Double, windowHits: Int, threshold: Double) {
        self.at = at
        self.average = average
        self.windowHits = windowHits
        self.threshold = threshold
    }
}
