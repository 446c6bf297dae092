/// A span of time to mark on a chart (an anomaly's first and last second), with what it was.
public struct TimeSpan: Sendable, Equatable {
    public let first: Int64
    public let last: Int64
    public let label: String

    public init(first: Int64, last: Int64, label: String) {
        self.first = first
        self.last = last
        self.label = label
    }
}
