/// The traffic of one interval `[at − interval, at)`.
public struct StatsBlock: Sendable, Equatable {
    public struct NamedCount: Sendable, Equatable {
        public var name: String
        public var hits: Int
    }

    /// The tick, Unix seconds.
    public var at: Int64
    public var interval: Int64
    public var hits: Int
    public var sections: [NamedCount]
    public var hosts: [NamedCount]
    /// Hits per class `2xx`… (all four always present).
    public var statusClasses: [String: Int]
    /// Hits per status code (shown with `-v`).
    public var statusCodes: [String: Int]
    public var methods: [String: Int]
    public var bytes: Int64
    /// Lines that could not be parsed, read since the previous block.
    public var malformed: Int
    /// Lines older than the previous tick, read since the previous block.
    public var late: Int
    /// True for the block printed on shutdown, covering the unfinished interval up to `at`.
    public var final: Bool

    /// Requests per second over the interval.
    public var rps: Double { Double(hits) / Double(interval) }
}
