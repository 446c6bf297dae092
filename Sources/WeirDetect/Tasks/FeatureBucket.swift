/// One minute of traffic, as stored: exact counts for that minute.
public struct FeatureBucket: Sendable, Equatable, Codable {
    /// Unix seconds, a multiple of the bucket length.
    public var start: Int64
    public var requests: Int64 = 0
    public var distinctClients: Int64 = 0
    public var busiestClient: Int64 = 0
    public var errors4xx: Int64 = 0
    public var errors5xx: Int64 = 0
    public var bytes: Int64 = 0
    public var pathsPerClient: Int64 = 0

    public init(
        start: Int64,
        requests: Int64 = 0,
        distinctClients: Int64 = 0,
        busiestClient: Int64 = 0,
        errors4xx: Int64 = 0,
        errors5xx: Int64 = 0,
        bytes: Int64 = 0,
        pathsPerClient: Int64 = 0
    ) {
        self.start = start
        self.requests = requests
        self.distinctClients = distinctClients
        self.busiestClient = busiestClient
        self.errors4xx = errors4xx
        self.errors5xx = errors5xx
        self.bytes = bytes
        self.pathsPerClient = pathsPerClient
    }

    /// The feature's value in this bucket (shares in [0, 1]; 0 without requests).
    public func value(_ feature: TrafficFeature) -> Double {
        switch feature {
        case .requests: Double(requests)
        case .distinctClients: Double(distinctClients)
        case .busiestClient: Double(busiestClient)
        case .errors4xx: requests == 0 ? 0 : Double(errors4xx) / Double(requests)
        case .errors5xx: requests == 0 ? 0 : Double(errors5xx) / Double(requests)
        case .bytes: Double(bytes)
        case .pathsPerClient: Double(pathsPerClient)
        }
    }

    /// This bucket with `other` (the same span, or a later span merged into a longer bucket):
    /// counts add up; the per-client features keep the larger value.
    public func merged(with other: FeatureBucket) -> FeatureBucket {
        FeatureBucket(
            start: min(start, other.start),
            requests: requests + other.requests,
            distinctClients: max(distinctClients, other.distinctClients),
            busiestClient: max(busiestClient, other.busiestClient),
            errors4xx: errors4xx + other.errors4xx,
            errors5xx: errors5xx + other.errors5xx,
            bytes: bytes + other.bytes,
            pathsPerClient: max(pathsPerClient, other.pathsPerClient)
        )
    }

    /// Minute buckets from `first` to `last` (inclusive), gaps filled with empty minutes, merged
    /// into buckets of `seconds`.
    public static func series(_ minutes: [FeatureBucket], seconds: Int) -> [FeatureBucket] {
        guard let first = minutes.first?.start, let last = minutes.last?.start else { return [] }
        let length = Int64(max(seconds, 60))
        let origin = first - first % length
        var out: [FeatureBucket] = (0...((last - origin) / length)).map { FeatureBucket(start: origin + $0 * length) }
        for m in minutes {
            let i = Int((m.start - origin) / length)
            out[i] = out[i].merged(with: m)
        }
        return out
    }
}
