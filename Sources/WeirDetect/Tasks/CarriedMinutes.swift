/// The minutes of traffic a run leaves open (those that lines up to two minutes out of order may
/// still reach), with the per-client detail that makes their distinct counts exact when the next
/// run goes on counting them: committed with the source's checkpoint, so that a minute split
/// across two runs is measured as if one run had read it.
public struct CarriedMinutes: Sendable, Equatable, Codable {
    /// One open minute: its counts, and per client its requests and distinct paths.
    public struct Minute: Sendable, Equatable, Codable {
        public var bucket: FeatureBucket
        public var clients: [String: Client]

        public init(bucket: FeatureBucket, clients: [String: Client]) {
            self.bucket = bucket
            self.clients = clients
        }
    }

    /// One client's part of an open minute.
    public struct Client: Sendable, Equatable, Codable {
        public var requests: Int64
        /// The distinct paths (targets without their query string) it asked for.
        public var paths: [String]

        public init(requests: Int64, paths: [String]) {
            self.requests = requests
            self.paths = paths
        }
    }

    /// The latest request time counted, which decides when a minute closes.
    public var latest: Int64
    public var minutes: [Minute]

    public init(latest: Int64, minutes: [Minute]) {
        self.latest = latest
        self.minutes = minutes
    }
}
