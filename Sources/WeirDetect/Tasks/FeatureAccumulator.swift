import WeirCore
import WeirLog
import WeirTraffic

/// Measures the traffic features per minute from parsed lines, on their bytes: clients and
/// paths become dense ids once, and each minute keeps its per-client counts and the distinct
/// (client, path) pairs it saw.
public struct FeatureAccumulator {
    public static let bucketSeconds: Int64 = 60
    private let clients = ByteKeyCounter(capacity: 1024)
    private let paths = ByteKeyCounter(capacity: 1024)
    /// The minute of the newest lines, kept out of `open` so that most lines touch no table of minutes.
    private var current: Minute?
    private var open: [Int64: Minute] = [:]
    private var closed: [FeatureBucket] = []
    private var latest = Int64.min

    struct Minute {
        var bucket: FeatureBucket
        var perClient: [Int: (requests: Int64, paths: Int64)] = [:]
        var pairs: Set<Int> = []
    }

    public init() {}

    /// Counts one parsed line; `line` is the bytes `parsed` refers to. `clientID` is the line's
    /// client as a dense id already computed by the caller (``RuleEvaluator/add(_:line:)``); it
    /// must be given for every line of a run or for none, so that ids never mix.
    public mutating func add(_ parsed: ParsedLine, line: UnsafeRawBufferPointer, clientID: Int? = nil) {
        let t = parsed.timestamp
        let start = t - ((t % Self.bucketSeconds) + Self.bucketSeconds) % Self.bucketSeconds
        let client = clientID ?? clients.add(line.slice(parsed.client))
        let path = paths.add(Self.pathPart(line.slice(parsed.target)))
        if current?.bucket.start == start {
            Self.count(&current!, parsed, client, path)
        } else {
            if let previous = current { open[previous.bucket.start] = previous }
            current = open.removeValue(forKey: start) ?? Minute(bucket: FeatureBucket(start: start))
            Self.count(&current!, parsed, client, path)
        }
        if t > latest {
            latest = t
            closeMinutes(before: latest - 2 * Self.bucketSeconds)
        }
    }

    @inline(__always)
    private static func count(_ minute: inout Minute, _ parsed: ParsedLine, _ client: Int, _ path: Int) {
        minute.bucket.requests += 1
        minute.bucket.bytes += max(parsed.bytes, 0)
        if (400..<500).contains(parsed.status) { minute.bucket.errors4xx += 1 }
        if (500..<600).contains(parsed.status) { minute.bucket.errors5xx += 1 }
        let isNewPair = minute.pairs.insert(client << 32 | path).inserted
        Self.note(&minute.perClient[client, default: (0, 0)], newPath: isNewPair)
    }

    /// One request of a client (one table access per line, not two).
    @inline(__always)
    private static func note(_ counts: inout (requests: Int64, paths: Int64), newPath: Bool) {
        counts.requests += 1
        if newPath { counts.paths += 1 }
    }

    /// Every minute seen, in time order.
    public mutating func finish() -> [FeatureBucket] {
        if let previous = current {
            open[previous.bucket.start] = previous
            current = nil
        }
        closeMinutes(before: .max)
        return closed.sorted { $0.start < $1.start }
    }

    /// Minutes whose end is long past (lines are at most a couple of minutes out of order) are
    /// summarised and their per-client state freed.
    private mutating func closeMinutes(before limit: Int64) {
        guard !open.isEmpty else { return }
        for (start, minute) in open where start + Self.bucketSeconds <= limit {
            var b = minute.bucket
            b.distinctClients = Int64(minute.perClient.count)
            b.busiestClient = minute.perClient.values.map(\.requests).max() ?? 0
            b.pathsPerClient = minute.perClient.values.map(\.paths).max() ?? 0
            closed.append(b)
            open[start] = nil
        }
    }

    /// The target without its query string.
    static func pathPart(_ target: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let q = target.firstIndex(of: UInt8(ascii: "?")) else { return target }
        return UnsafeRawBufferPointer(rebasing: target[..<q])
    }
}
