import WeirCore
import WeirLog

/// Measures the traffic features per minute from parsed lines, on their bytes: clients and
/// paths become dense ids once, and each minute keeps its per-client counts and the distinct
/// (client, path) pairs it saw. A minute closes once lines are two minutes past its end; the
/// minutes still open when a run ends go on in the next run (``CarriedMinutes``), so that where a
/// run ends changes no minute.
public struct FeatureAccumulator {
    /// How far out of time order lines may be and still count in their minute as one run would.
    public static let disorderSeconds: Int64 = 2 * bucketSeconds
    public static let bucketSeconds: Int64 = 60
    private let clients = ByteKeyCounter(capacity: 1024)
    private let paths = ByteKeyCounter(capacity: 1024)
    /// The minute of the newest lines, kept out of `open` so that most lines touch no table of minutes.
    private var current: Minute?
    private var open: [Int64: Minute] = [:]
    private var closed: [MeasuredMinute] = []
    private var latest = Int64.min
    /// The distinct (client, path) pairs of the last minute left: a new minute's set is made that
    /// size, so that it seldom grows (each growth places every pair again).
    private var lastPairs = 0
    /// The distinct clients of the last minute left, for the same reason.
    private var lastClients = 0

    struct Minute {
        var bucket: FeatureBucket
        var clients: MinuteClients
        /// Sized for a busy minute's pairs, or the last minute's, so that most minutes never grow it.
        var pairs: IntegerSet
        /// Carried from an earlier run (see ``MeasuredMinute/replacesStored``).
        var carried = false

        init(bucket: FeatureBucket, expectedPairs: Int = 0, expectedClients: Int = 0, carried: Bool = false) {
            self.bucket = bucket
            pairs = IntegerSet(capacity: max(1024, expectedPairs + expectedPairs / 4))
            clients = MinuteClients(capacity: max(256, expectedClients + expectedClients / 4))
            self.carried = carried
        }
    }

    public init() {}

    /// Goes on from the minutes an earlier run left open. `clientID` gives the id that will come
    /// with each line of the client named (``add(_:line:clientID:)``), or `nil` when lines come
    /// without one.
    public mutating func resume(from state: CarriedMinutes, clientID: (String) -> Int?) {
        latest = max(latest, state.latest)
        for carried in state.minutes {
            var minute = Minute(bucket: carried.bucket, carried: true)
            for (name, client) in carried.clients {
                let id = clientID(name) ?? Array(name.utf8).withUnsafeBytes { clients.add($0) }
                for path in client.paths {
                    let pathID = Array(path.utf8).withUnsafeBytes { paths.add($0) }
                    minute.pairs.insert(id << 32 | pathID)
                }
                minute.clients.set(id, requests: client.requests, paths: Int64(client.paths.count))
            }
            open[carried.bucket.start] = minute
        }
    }

    /// Counts one parsed line; `line` is the bytes `parsed` refers to. `clientID` is the line's
    /// client as a dense id already computed by the caller (``RuleEvaluator/add(_:line:)``); it
    /// must be given for every line of a run or for none, so that ids never mix. Returns the id of
    /// the line's target up to its `?`: dense from 0 in order of first sight (a resumed run's
    /// carried paths first), the same for every line with those bytes.
    @discardableResult
    public mutating func add(_ parsed: ParsedLine, line: UnsafeRawBufferPointer, clientID: Int? = nil) -> Int {
        let t = parsed.timestamp
        let start = t.floorDivided(by: Self.bucketSeconds) * Self.bucketSeconds
        let client = clientID ?? clients.add(line.slice(parsed.client))
        let path = paths.add(Self.pathPart(line.slice(parsed.target)))
        if current?.bucket.start == start {
            Self.count(&current!, parsed, client, path)
        } else {
            if let previous = current {
                lastPairs = previous.pairs.count
                lastClients = previous.clients.count
                open[previous.bucket.start] = previous
            }
            current =
                open.removeValue(forKey: start)
                ?? Minute(bucket: FeatureBucket(start: start), expectedPairs: lastPairs, expectedClients: lastClients)
            Self.count(&current!, parsed, client, path)
        }
        if t > latest {
            latest = t
            closeMinutes(before: latest - Self.disorderSeconds)
        }
        return path
    }

    @inline(__always)
    private static func count(_ minute: inout Minute, _ parsed: ParsedLine, _ client: Int, _ path: Int) {
        minute.bucket.requests += 1
        minute.bucket.bytes += max(parsed.bytes, 0)
        if (400..<500).contains(parsed.status) { minute.bucket.errors4xx += 1 }
        if (500..<600).contains(parsed.status) { minute.bucket.errors5xx += 1 }
        let isNewPair = minute.pairs.insert(client << 32 | path)
        minute.clients.note(client, newPath: isNewPair)
    }

    /// Every minute seen, in time order, and the minutes to carry to the next run: those that
    /// lines up to ``disorderSeconds`` late may still reach. `clientName` names the client ids
    /// that came with the lines (`nil` when none did).
    public mutating func finish(clientName: ((Int) -> String)? = nil) -> (minutes: [MeasuredMinute], carried: CarriedMinutes?) {
        if let previous = current {
            open[previous.bucket.start] = previous
            current = nil
        }
        guard latest != .min else { return ([], nil) }
        let stillOpen = open.filter { $0.key + Self.bucketSeconds > latest - Self.disorderSeconds }
        for start in stillOpen.keys { open[start] = nil }
        closeMinutes(before: .max)
        let name = clientName ?? { [clients] in clients.key(id: $0) }
        let carried = stillOpen.values.sorted { $0.bucket.start < $1.bucket.start }.map { carry($0, name) }
        for minute in stillOpen.values { closed.append(MeasuredMinute(bucket: summary(minute), replacesStored: minute.carried)) }
        let minutes = closed.sorted { ($0.bucket.start, $0.replacesStored ? 0 : 1) < ($1.bucket.start, $1.replacesStored ? 0 : 1) }
        return (minutes, CarriedMinutes(latest: latest, minutes: carried))
    }

    /// Minutes whose end is long past (lines are at most a couple of minutes out of order) are
    /// summarised and their per-client state freed.
    private mutating func closeMinutes(before limit: Int64) {
        guard !open.isEmpty else { return }
        for (start, minute) in open where start + Self.bucketSeconds <= limit {
            closed.append(MeasuredMinute(bucket: summary(minute), replacesStored: minute.carried))
            open[start] = nil
        }
    }

    private func summary(_ minute: Minute) -> FeatureBucket {
        var b = minute.bucket
        b.distinctClients = Int64(minute.clients.count)
        b.busiestClient = minute.clients.busiest
        b.pathsPerClient = minute.clients.mostPaths
        return b
    }

    /// An open minute with its clients and their paths by name.
    private func carry(_ minute: Minute, _ name: (Int) -> String) -> CarriedMinutes.Minute {
        var pathsByClient: [Int: [String]] = [:]
        for pair in minute.pairs.elements { pathsByClient[pair >> 32, default: []].append(paths.key(id: pair & 0xFFFF_FFFF)) }
        var clients: [String: CarriedMinutes.Client] = [:]
        for (id, requests, _) in minute.clients.all {
            clients[name(id)] = CarriedMinutes.Client(requests: requests, paths: (pathsByClient[id] ?? []).sorted())
        }
        return CarriedMinutes.Minute(bucket: minute.bucket, clients: clients)
    }

    /// The target without its query string.
    static func pathPart(_ target: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let q = target.firstIndex(of: UInt8(ascii: "?")) else { return target }
        return UnsafeRawBufferPointer(rebasing: target[..<q])
    }
}
