/// One burst over a rate limit: overlapping windows over the limit merged into one.
public struct Burst: Sendable, Equatable, Codable {
    public var first: Int64
    public var last: Int64
    public var peak: Int
    /// Whether an earlier run reported this burst already (it was carried over): its finding
    /// then extends that run's finding.
    var continued = false

    enum CodingKeys: String, CodingKey {
        case first, last, peak
    }

    init(first: Int64, last: Int64, peak: Int, continued: Bool = false) {
        self.first = first
        self.last = last
        self.peak = peak
        self.continued = continued
    }
}
