/// What one run counted of a task's traffic, or (added up over committed runs) what a task
/// counted in all: requests and response bytes per series, request durations in buckets,
/// malformed lines, and requests folded into ``TrafficSeriesKey/folded`` by the series cap.
public struct TrafficCounts: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var requests: Int64 = 0
        public var bytes: Int64 = 0

        public init(requests: Int64 = 0, bytes: Int64 = 0) {
            self.requests = requests
            self.bytes = bytes
        }

        public mutating func add(_ other: Count) {
            requests &+= other.requests
            bytes &+= other.bytes
        }
    }

    /// The upper bounds of the duration buckets unless a task declares its own, in seconds
    /// (`+Inf` after them): Prometheus's defaults and 30 s and 60 s.
    public static let defaultBucketBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
    /// Series a task may have; past it, new ones are folded.
    public static let seriesCap = 10_000

    public var series: [TrafficSeriesKey: Count] = [:]
    /// The upper bounds of ``durationBuckets``, in seconds.
    public private(set) var bucketBounds: [Double]
    /// Requests per duration bucket, not cumulative, `+Inf` last (``bucketBounds`` count + 1).
    public var durationBuckets: [Int64]
    public var durationSumMicros: Int64 = 0
    public var malformed: Int64 = 0
    /// Requests counted in the folded series because the task had too many.
    public var folded: Int64 = 0

    public init(bucketBounds: [Double] = TrafficCounts.defaultBucketBounds) {
        self.bucketBounds = bucketBounds
        durationBuckets = [Int64](repeating: 0, count: bucketBounds.count + 1)
    }

    /// Replaces the histogram: requests per bucket of `bounds` (`+Inf` last) and their durations'
    /// sum.
    public mutating func setHistogram(bounds: [Double], buckets: [Int64], sumMicros: Int64) {
        bucketBounds = bounds
        durationBuckets = buckets
        durationSumMicros = sumMicros
    }

    /// Requests with a duration.
    public var durationCount: Int64 { durationBuckets.reduce(0, &+) }

    /// Adds `other` to these counts. When its buckets have other bounds (the task's changed), the
    /// histogram starts again from `other`'s: counts in different buckets cannot be added.
    public mutating func add(_ other: TrafficCounts) {
        for (key, count) in other.series { series[key, default: Count()].add(count) }
        if other.bucketBounds == bucketBounds {
            for k in durationBuckets.indices { durationBuckets[k] &+= other.durationBuckets[k] }
            durationSumMicros &+= other.durationSumMicros
        } else {
            setHistogram(bounds: other.bucketBounds, buckets: other.durationBuckets, sumMicros: other.durationSumMicros)
        }
        malformed &+= other.malformed
        folded &+= other.folded
    }
}

extension TrafficCounts {
    /// Keeps the series in `known` and at most `room` new ones (in label order); the rest go to
    /// ``TrafficSeriesKey/folded``, counted in ``folded``.
    public mutating func foldNew(beyond room: Int, known: Set<TrafficSeriesKey>) {
        var room = max(0, room)
        var kept: [TrafficSeriesKey: Count] = [:]
        for (key, count) in series.sorted(by: { $0.key < $1.key }) {
            if known.contains(key) || key == .folded {
                kept[key, default: Count()].add(count)
            } else if room > 0 {
                kept[key] = count
                room -= 1
            } else {
                kept[.folded, default: Count()].add(count)
                folded &+= count.requests
            }
        }
        series = kept
    }
}
