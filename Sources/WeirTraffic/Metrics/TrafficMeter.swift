import WeirLog

/// Counts a run's traffic for `/metrics` as its lines go by: requests and bytes per virtual host,
/// method and status, durations in buckets. Per line it compares bytes and adds to a dictionary
/// keyed by one integer; strings are made once per distinct virtual host, and once per series at
/// the end. A run with more than ``TrafficCounts/seriesCap`` virtual hosts folds the rest.
public struct TrafficMeter: Sendable {
    private var counts: [UInt64: TrafficCounts.Count] = [:]
    private var vhostIDs: [[UInt8]: UInt64] = [:]
    private var vhosts: [[UInt8]] = [[]]
    private var lastVhost: [UInt8] = []
    private var lastVhostID: UInt64 = 0
    private var buckets = [Int64](repeating: 0, count: TrafficCounts.bucketBounds.count + 1)
    private var durationSumMicros: Int64 = 0
    private static let boundsMicros = TrafficCounts.bucketBounds.map { Int64($0 * 1_000_000) }
    private static let methods = TrafficSeriesKey.standardMethods.map { Array($0.utf8) }
    /// The id of the folded virtual host.
    private static let foldedVhost = UInt64(UInt32.max)

    public init() {}

    /// Counts one well-formed line.
    public mutating func add(_ parsed: ParsedLine, line: UnsafeRawBufferPointer) {
        let vhost = parsed.fields.contains(.host) ? vhostID(line, parsed.host) : 0
        let method = parsed.fields.contains(.method) ? Self.methodIndex(line, parsed.method) : UInt64(Self.methods.count)
        let status = parsed.fields.contains(.status) ? UInt64(clamping: max(0, min(parsed.status, 0xFFFF))) : 0
        let key = vhost << 24 | method << 16 | status
        counts[key, default: TrafficCounts.Count()].requests &+= 1
        counts[key, default: TrafficCounts.Count()].bytes &+= parsed.bytes
        if parsed.fields.contains(.duration) {
            let micros = parsed.durationMicros
            var bucket = 0
            while bucket < Self.boundsMicros.count, micros > Self.boundsMicros[bucket] { bucket += 1 }
            buckets[bucket] &+= 1
            durationSumMicros &+= micros
        }
    }

    /// The run's counts, with `malformed` lines.
    public func finish(malformed: Int64) -> TrafficCounts {
        var result = TrafficCounts()
        for (key, count) in counts {
            let vhostID = key >> 24
            let methodIndex = Int((key >> 16) & 0xFF)
            let status = key & 0xFFFF
            let folded = vhostID == Self.foldedVhost
            let series =
                folded
                ? TrafficSeriesKey.folded
                : TrafficSeriesKey(
                    vhost: String(decoding: vhosts[Int(vhostID)], as: UTF8.self),
                    method: methodIndex < TrafficSeriesKey.standardMethods.count ? TrafficSeriesKey.standardMethods[methodIndex] : "OTHER",
                    status: status == 0 ? "none" : String(status)
                )
            result.series[series, default: TrafficCounts.Count()].requests &+= count.requests
            result.series[series, default: TrafficCounts.Count()].bytes &+= count.bytes
            if folded { result.folded &+= count.requests }
        }
        result.durationBuckets = buckets
        result.durationSumMicros = durationSumMicros
        result.malformed = malformed
        return result
    }

    private mutating func vhostID(_ line: UnsafeRawBufferPointer, _ range: ByteRange) -> UInt64 {
        let bytes = UnsafeRawBufferPointer(rebasing: line[range.start..<range.end])
        if bytes.elementsEqual(lastVhost) { return lastVhostID }
        let name = Array(bytes.prefix(253))
        let id: UInt64
        if let known = vhostIDs[name] {
            id = known
        } else if vhosts.count > TrafficCounts.seriesCap {
            id = Self.foldedVhost
        } else {
            id = UInt64(vhosts.count)
            vhosts.append(name)
            vhostIDs[name] = id
        }
        lastVhost = Array(bytes)
        lastVhostID = id
        return id
    }

    private static func methodIndex(_ line: UnsafeRawBufferPointer, _ range: ByteRange) -> UInt64 {
        let bytes = UnsafeRawBufferPointer(rebasing: line[range.start..<range.end])
        for (index, method) in methods.enumerated() where method.count == bytes.count && bytes.elementsEqual(method) {
            return UInt64(index)
        }
        return UInt64(methods.count)
    }
}
