import WeirCore
import WeirLog
import WeirRules

/// Counts a run's traffic for `/metrics` as its lines go by: requests and bytes per virtual host,
/// method, status and route, durations in buckets. Per line it compares bytes and, when the
/// labels change, adds to a table keyed by one integer; strings are made once per distinct virtual
/// host, and once per series at the end. A path is matched against the routes once, then found
/// in a table; a caller that already gives each target a dense id saves that table
/// (``add(_:line:targetID:)``). A run with more than ``TrafficCounts/seriesCap`` virtual hosts
/// folds the rest.
///
/// As a ``LineTally``, a task run's meter is filled by the reader: each chunk a parsing thread
/// parses gets a meter of its own (``init(recipe:)``, which folds nothing), and the chunks' meters
/// are appended to the run's in input order, virtual hosts taking ids in the order they were
/// first seen, so the run's counts and its folding are those of counting every line in order.
public struct TrafficMeter {
    /// Dense ids of the packed label keys seen, and each id's counts.
    private var ids = IntegerIDs(capacity: 256)
    private var totals: [TrafficCounts.Count] = []
    /// The labels of the lines just counted, and their counts not yet in `counts`.
    private var runKey: UInt64 = 0
    private var run = TrafficCounts.Count()
    /// Virtual hosts by name and by id; id 0 is the empty name (a log without them).
    private var vhostIDs: [[UInt8]: UInt64] = [:]
    private var vhosts: [[UInt8]] = [[]]
    private var lastVhost: [UInt8] = []
    private var lastVhostID: UInt64 = 0
    /// Past this many virtual hosts, the next new ones are folded.
    private let vhostCap: Int
    private let options: TrafficMetricsOptions
    private var buckets: [Int64]
    private var durationSumMicros: Int64 = 0
    private let boundsMicros: [Int64]
    /// The task's routes; `nil` when it declares none (every request is `other`).
    private let routes: PathPatternIndex?
    /// The route of each target id a caller gave (``add(_:line:targetID:)``), from 1, 0 for none;
    /// ``unmatched`` where that id has not been seen.
    private var routeByTarget: [UInt16] = []
    private static let unmatched = UInt16.max
    /// Target ids past this are matched through `routes`' own table, so that the array stays small.
    private static let targetIDLimit = 1 << 22
    /// The id of the folded virtual host.
    private static let foldedVhost: UInt64 = 0xFF_FFFF

    public init(options: TrafficMetricsOptions = TrafficMetricsOptions()) {
        self.init(options: options, vhostCap: TrafficCounts.seriesCap)
    }

    private init(options: TrafficMetricsOptions, vhostCap: Int) {
        self.options = options
        self.vhostCap = vhostCap
        buckets = [Int64](repeating: 0, count: options.bucketBounds.count + 1)
        boundsMicros = options.bucketBounds.map { Int64(($0 * 1_000_000).rounded()) }
        routes = options.routes.isEmpty ? nil : PathPatternIndex(options.routes)
    }

    /// Counts one well-formed line. Lines in a row with the same labels (most of a log) are
    /// added up before the table is touched. `targetID`, when given, is a dense id (from 0, in
    /// order of first sight) of the line's target up to its `?`, the same for every line with
    /// those bytes, as ``FeatureAccumulator`` gives; the route is then matched once per id and
    /// read from an array, since a target's path is a function of those bytes.
    public mutating func add(_ parsed: ParsedLine, line: UnsafeRawBufferPointer, targetID: Int? = nil) {
        let fields = parsed.fields
        let vhost = fields.contains(.host) ? vhostID(line, parsed.host) : 0
        let method = fields.contains(.method) ? Self.methodIndex(line, parsed.method) : 9
        let status = fields.contains(.status) ? UInt64(clamping: max(0, min(parsed.status, 0xFFFF))) : 0
        let route = routes != nil && fields.contains(.target) ? self.route(parsed, line, targetID: targetID) : 0
        let key = vhost << 40 | route << 24 | method << 16 | status
        if key != runKey {
            flushRun()
            runKey = key
        }
        run.requests &+= 1
        run.bytes &+= parsed.bytes
        if fields.contains(.duration) {
            let micros = parsed.durationMicros
            var bucket = 0
            while bucket < boundsMicros.count, micros > boundsMicros[bucket] { bucket += 1 }
            buckets[bucket] &+= 1
            durationSumMicros &+= micros
        }
    }

    /// Adds the run of lines with the same labels to the table.
    private mutating func flushRun() {
        guard run.requests > 0 else { return }
        let id = ids.id(of: runKey)
        if id == totals.count { totals.append(run) } else { totals[id].add(run) }
        run = TrafficCounts.Count()
    }

    /// The run's counts, with `malformed` lines.
    public func finish(malformed: Int64) -> TrafficCounts {
        var result = TrafficCounts(bucketBounds: options.bucketBounds)
        var meter = self
        meter.flushRun()
        for (key, count) in zip(meter.ids.keys, meter.totals) {
            let vhostID = key >> 40
            let routeIndex = Int((key >> 24) & 0xFFFF)
            let methodIndex = Int((key >> 16) & 0xFF)
            let status = key & 0xFFFF
            let folded = vhostID == Self.foldedVhost
            let series =
                folded
                ? TrafficSeriesKey.folded
                : TrafficSeriesKey(
                    vhost: String(decoding: vhosts[Int(vhostID)], as: UTF8.self),
                    method: methodIndex < TrafficSeriesKey.standardMethods.count ? TrafficSeriesKey.standardMethods[methodIndex] : "OTHER",
                    status: status == 0 ? "none" : String(status),
                    route: routeIndex >= 1 && routeIndex <= options.routes.count
                        ? options.routes[routeIndex - 1].description : TrafficSeriesKey.otherRoute
                )
            result.series[series, default: TrafficCounts.Count()].add(count)
            if folded { result.folded &+= count.requests }
        }
        result.durationBuckets = buckets
        result.durationSumMicros = durationSumMicros
        result.malformed = malformed
        return result
    }

    /// The route of the line's path: the index of the first route it matches, from 1; 0 for
    /// none. Read from `routeByTarget` when the line's target id has been seen.
    @inline(__always)
    private mutating func route(_ parsed: ParsedLine, _ line: UnsafeRawBufferPointer, targetID: Int?) -> UInt64 {
        if let targetID, targetID >= 0, targetID < routeByTarget.count {
            let known = routeByTarget[targetID]
            if known != Self.unmatched { return UInt64(known) }
        }
        return firstRoute(parsed, line, targetID: targetID)
    }

    /// Matches the line's path: once per target id (kept in `routeByTarget`), or through the
    /// routes' table of paths when no id is given.
    @inline(never)
    private mutating func firstRoute(_ parsed: ParsedLine, _ line: UnsafeRawBufferPointer, targetID: Int?) -> UInt64 {
        guard let routes else { return 0 }
        guard let targetID, targetID >= 0, targetID < Self.targetIDLimit else { return routes.index(of: parsed, line: line) }
        let route = PathPatternIndex.index(of: parsed, line: line, in: routes.patterns)
        if targetID >= routeByTarget.count {
            routeByTarget.append(contentsOf: repeatElement(Self.unmatched, count: targetID + 1 - routeByTarget.count))
        }
        routeByTarget[targetID] = UInt16(truncatingIfNeeded: route)
        return route
    }

    private mutating func vhostID(_ line: UnsafeRawBufferPointer, _ range: ByteRange) -> UInt64 {
        let bytes = UnsafeRawBufferPointer(rebasing: line[range.start..<range.end])
        if bytes.elementsEqual(lastVhost) { return lastVhostID }
        let id = bytes.isEmpty ? 0 : vhostID(named: Array(bytes.prefix(253)))
        lastVhost = Array(bytes)
        lastVhostID = id
        return id
    }

    /// The id of the virtual host `name` (at most 253 bytes), given the next one if it is new
    /// and the cap allows; else the folded id.
    private mutating func vhostID(named name: [UInt8]) -> UInt64 {
        if let known = vhostIDs[name] { return known }
        guard vhosts.count <= vhostCap else { return Self.foldedVhost }
        let id = UInt64(vhosts.count)
        vhosts.append(name)
        vhostIDs[name] = id
        return id
    }

    /// The method's index in ``TrafficSeriesKey/standardMethods`` (9 for any other): its bytes
    /// packed into one integer and compared with constants, with no array touched per line.
    private static func methodIndex(_ line: UnsafeRawBufferPointer, _ range: ByteRange) -> UInt64 {
        let count = range.end - range.start
        guard count >= 3, count <= 7, range.start >= 0, range.end <= line.count, let base = line.baseAddress else { return 9 }
        // The bounds are checked once above; the loads below are not checked again.
        let bytes = base.assumingMemoryBound(to: UInt8.self) + range.start
        var word = UInt64(bytes[0]) | UInt64(bytes[1]) << 8 | UInt64(bytes[2]) << 16
        for k in 3..<count { word |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        switch word {
        case 0x54_4547: return 0  // GET
        case 0x4441_4548: return 1  // HEAD
        case 0x5453_4F50: return 2  // POST
        case 0x54_5550: return 3  // PUT
        case 0x4554_454C_4544: return 4  // DELETE
        case 0x54_4345_4E4E_4F43: return 5  // CONNECT
        case 0x53_4E4F_4954_504F: return 6  // OPTIONS
        case 0x45_4341_5254: return 7  // TRACE
        case 0x48_4354_4150: return 8  // PATCH
        default: return 9
        }
    }
}

extension TrafficMeter: LineTally {
    public var recipe: TrafficMetricsOptions { options }

    /// A meter for chunks of a run's lines: it folds no virtual host (a chunk's lines are few);
    /// the run's meter folds as the chunk is appended to it. Its copies share one table of the
    /// routes of paths seen, which ``append(_:)`` does not touch.
    public init(recipe: TrafficMetricsOptions) {
        self.init(options: recipe, vhostCap: Int(Self.foldedVhost) - 1)
    }

    /// Counts the line if it is well-formed.
    @inline(__always)
    public mutating func add(_ line: LogReader.Line, _ parsed: ParsedLine) {
        if line.failure == nil { add(parsed, line: line.bytes) }
    }

    /// Adds the counts of `later`, a meter with the same options over the lines that follow
    /// this one's: its virtual hosts take ids here in the order it first saw them.
    public mutating func append(_ later: TrafficMeter) {
        flushRun()
        var later = later
        later.flushRun()
        var vhostIDs = [UInt64](repeating: 0, count: later.vhosts.count)
        for id in later.vhosts.indices.dropFirst() { vhostIDs[id] = vhostID(named: later.vhosts[id]) }
        for (key, count) in zip(later.ids.keys, later.totals) {
            let vhost = Int(key >> 40)
            let mapped = vhost < vhostIDs.count ? vhostIDs[vhost] : Self.foldedVhost
            let id = ids.id(of: mapped << 40 | key & (1 << 40 - 1))
            if id == totals.count { totals.append(count) } else { totals[id].add(count) }
        }
        for k in buckets.indices where k < later.buckets.count { buckets[k] &+= later.buckets[k] }
        durationSumMicros &+= later.durationSumMicros
    }
}
