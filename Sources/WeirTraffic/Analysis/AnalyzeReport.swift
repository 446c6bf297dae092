/// The whole-file report of `weir analyze`. Encoded as JSON with snake_case keys; keys may be
/// added, never renamed (see `cli.md`).
public struct AnalyzeReport: Codable, Sendable, Equatable {
    /// A name with its number of hits, as in the top lists.
    public struct NamedCount: Codable, Sendable, Equatable {
        public var name: String
        public var hits: Int
    }

    /// One malformed line: where it is and why it failed.
    public struct MalformedLine: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
    }

    /// The busiest minute.
    public struct Peak: Codable, Sendable, Equatable {
        /// Start of the minute, RFC 3339 UTC.
        public var minute: String
        public var hits: Int
    }

    /// One input file and what was read from it.
    public struct Input: Codable, Sendable, Equatable {
        public var name: String
        /// The format used (detected unless given).
        public var format: String?
        public var lines: Int
        public var parsed: Int
        public var malformed: Int
    }

    public var inputs: [Input] = []
    /// Lines read, malformed ones included.
    public var lines = 0
    public var parsed = 0
    public var malformed = 0
    /// Parsed lines left out by `--from` / `--to`.
    public var outsideTimeRange = 0
    /// Requests counted in the statistics below.
    public var requests = 0
    public var first: String?
    public var last: String?
    public var status: [String: Int] = [:]
    public var statusClasses: [String: Int] = [:]
    public var methods: [String: Int] = [:]
    public var sections: [NamedCount] = []
    public var hosts: [NamedCount] = []
    public var paths: [NamedCount] = []
    public var distinctHosts = 0
    public var distinctPaths = 0
    public var bytes: Int64 = 0
    public var meanBytes: Double = 0
    public var peakMinute: Peak?
    /// The first malformed lines, up to the report's sample limit.
    public var malformedLines: [MalformedLine] = []
    /// Malformed lines per kind of failure.
    public var malformedReasons: [String: Int] = [:]

    public init() {}
}
