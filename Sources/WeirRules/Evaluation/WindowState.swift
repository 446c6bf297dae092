/// One rate window as a run leaves it, for the next run to go on from: the seconds still inside
/// the window with their counts, and the burst over the limit that may still grow.
public struct WindowState: Sendable, Equatable, Codable {
    /// Seconds with requests, oldest first, and their counts.
    public var seconds: [Int64]
    public var counts: [Int]
    /// The burst still open at the end of the run, and whether it was reported as it stood
    /// (then the next run reports it again only if it grows).
    public var open: Burst?
    public var reported: Bool

    public init(seconds: [Int64] = [], counts: [Int] = [], open: Burst? = nil, reported: Bool = false) {
        self.seconds = seconds
        self.counts = counts
        self.open = open
        self.reported = reported
    }

    var isEmpty: Bool { seconds.isEmpty && open == nil }
}
