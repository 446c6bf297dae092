/// The range a bucket's value was expected in by a task's model (``TaskModelling/expectedRanges(_:minutes:from:)``).
public struct ExpectedRange: Sendable, Equatable {
    /// Unix seconds of the bucket's start.
    public var start: Int64
    public var low: Double
    public var high: Double

    public init(start: Int64, low: Double, high: Double) {
        self.start = start
        self.low = low
        self.high = high
    }
}
