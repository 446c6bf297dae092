/// The whole-file report of `weir analyze`. Encoded as JSON with snake_case keys; keys may be
/// added, never renamed (see `cli.md`).
public struct AnalyzeReport: Codable, Sendable, Equatable {
    /// A name with its number of hits, as in the top lists.
    public struct NamedCount: Codable, Sendable, Equatable {
        public var name: String
        public var hits: Int

        /// A counter's ranked keys (``ByteKeyCounter/top(_:)``) as a top list.
        static func list(_ ranked: [(key: String, count: Int)]) -> [NamedCount] {
            ranked.map { NamedCount(name: $0.key, hits: $0.count) }
        }
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

    /// One day (in the log's own time zone): unique visitors (client and user agent), requests, bytes.
    public struct DayCount: Codable, Sendable, Equatable {
        public var day: String
        public var visitors: Int
        public var hits: Int
        public var bytes: Int64
    }

    /// One hour of the day (0–23, in the log's own time zone), over every day.
    public struct HourCount: Codable, Sendable, Equatable {
        public var hour: Int
        public var hits: Int
        public var bytes: Int64
    }

    /// A path with its mean response time.
    public struct TimedPath: Codable, Sendable, Equatable {
        public var name: String
        public var hits: Int
        public var meanMs: Double
    }

    /// Response times, when the format logs them (`%D`, `%T`, `$request_time`). Quantiles are
    /// within 1% of the exact value (``DurationSketch``); mean and maximum are exact.
    public struct ResponseTimes: Codable, Sendable, Equatable {
        public var requests: Int
        public var meanMs: Double
        public var p50Ms: Double
        public var p95Ms: Double
        public var p99Ms: Double
        public var maxMs: Double
        /// The paths with the highest mean time.
        public var slowestPaths: [TimedPath]
    }

    /// One input file and what was read from it.
    public struct Input: Codable, Sendable, Equatable {
        public var name: String
        /// The format used (detected unless given).
        public var format: String?
        public var lines: Int
        public var parsed: Int
        public var malformed: Int

        /// Adds the line counts of `other`, another part of the same input.
        mutating func add(_ other: Input) {
            lines += other.lines
            parsed += other.parsed
            malformed += other.malformed
        }
    }

    public var inputs: [Input] = []
    /// Lines read, malformed ones included.
    public var lines = 0
    public var parsed = 0
    public var malformed = 0
    /// Parsed lines left out by `--from` / `--to`.
    public var outsideTimeRange = 0
    /// The `--filter`s, as given, and the parsed lines they left out.
    public var filters: [String] = []
    public var filteredOut = 0
    /// W3C directive lines (`#Fields:` and the others), counted in `lines`: neither requests nor
    /// malformed.
    public var directiveLines = 0
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
    /// Requests per declared route (`--route`), in the order given, then `other` (``TrafficSeriesKey/otherRoute``): each
    /// request under the first route its path matches. Absent when no route is declared.
    public var routes: [NamedCount]?
    public var distinctHosts = 0
    public var distinctPaths = 0
    public var bytes: Int64 = 0
    public var meanBytes: Double = 0
    public var peakMinute: Peak?
    /// Unique visitors (client, day and user agent, as GoAccess counts them), over every day.
    public var visitors = 0
    /// The last `--top` days, in time order.
    public var days: [DayCount] = []
    /// Hours 0 to 23.
    public var hours: [HourCount] = []
    /// Paths answered 404.
    public var notFound: [NamedCount] = []
    public var browsers: [NamedCount] = []
    public var operatingSystems: [NamedCount] = []
    public var crawlers: [NamedCount] = []
    /// Referrers by host (`https://example.org/a` counts under `example.org`).
    public var referringSites: [NamedCount] = []
    public var referrers: [NamedCount] = []
    /// Empty when the format has no virtual host.
    public var virtualHosts: [NamedCount] = []
    /// `nil` when the format has no response time.
    public var responseTimes: ResponseTimes?
    /// The first malformed lines, up to the report's sample limit.
    public var malformedLines: [MalformedLine] = []
    /// Malformed lines per kind of failure.
    public var malformedReasons: [String: Int] = [:]
    /// Every minute with a request, in time order; only when asked for (`--html`), absent from
    /// the JSON otherwise.
    public var timeline: [TimelineMinute]?

    public init() {}
}
