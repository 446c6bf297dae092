import WeirCore
import WeirLog

/// The panels of `weir analyze` that GoAccess users expect, beside the totals of
/// ``TrafficTally``: unique visitors per day (client, day and user agent), requests and bytes per
/// hour of day (in the log's own time zone), 404s by path, user agents (classified at the end into
/// browsers, operating systems and crawlers), referrers, virtual hosts and response times. Per
/// line it hashes the user agent and the referrer; everything else reuses the ids the tally gave.
struct PanelTally {
    let agents = ByteKeyCounter(capacity: 1024)
    let referrers = ByteKeyCounter(capacity: 1024)
    let virtualHosts = ByteKeyCounter(capacity: 16)
    var hourHits = [Int](repeating: 0, count: 24)
    var hourBytes = [Int64](repeating: 0, count: 24)
    /// Per local day (days since 1970-01-01), its requests, bytes and visitors.
    private var days: [Int64: Day] = [:]
    private var dayNumber = Int64.min
    private var day = Day()
    var durations = DurationSketch()
    /// Per path id of the tally: 404s, and microseconds and requests timed.
    var notFound: [Int] = []
    var pathMicros: [Int64] = []
    var pathTimed: [Int] = []

    /// The agent id of lines without a user agent.
    static let noAgent = (1 << 31) - 1

    struct Day {
        var hits = 0
        var bytes: Int64 = 0
        /// Client id << 32 | agent id.
        var visitors = IntegerSet()
    }

    /// Counts one request whose client and path ids in the tally are `host` and `path`.
    mutating func add(_ parsed: ParsedLine, _ line: UnsafeRawBufferPointer, host: Int, path: Int) {
        let local = parsed.timestamp &+ Int64(parsed.utcOffset)
        let number = local.floorDivided(by: 86_400)
        let hour = Int((local - number * 86_400) / 3_600)
        hourHits[hour] &+= 1
        hourBytes[hour] &+= parsed.bytes
        if number != dayNumber {
            if dayNumber != .min { days[dayNumber] = day }
            day = days.removeValue(forKey: number) ?? Day()
            dayNumber = number
        }
        day.hits &+= 1
        day.bytes &+= parsed.bytes
        let agent = parsed.fields.contains(.userAgent) ? agents.add(line.slice(parsed.userAgent)) : Self.noAgent
        day.visitors.insert(host << 32 | agent)
        if parsed.fields.contains(.referrer) {
            let referrer = line.slice(parsed.referrer)
            if !(referrer.isEmpty || (referrer.count == 1 && referrer[0] == UInt8(ascii: "-"))) { referrers.add(referrer) }
        }
        if parsed.fields.contains(.host) {
            let host = line.slice(parsed.host)
            if !(host.isEmpty || (host.count == 1 && host[0] == UInt8(ascii: "-"))) { virtualHosts.add(host) }
        }
        guard path >= 0, parsed.status == 404 || parsed.fields.contains(.duration) else { return }
        Self.grow(&notFound, to: path, 0)
        if parsed.status == 404 { notFound[path] &+= 1 }
        if parsed.fields.contains(.duration) {
            durations.add(parsed.durationMicros)
            Self.grow(&pathMicros, to: path, 0)
            Self.grow(&pathTimed, to: path, 0)
            pathMicros[path] &+= max(parsed.durationMicros, 0)
            pathTimed[path] &+= 1
        }
    }

    /// Every day counted, the current one included.
    var allDays: [Int64: Day] {
        var all = days
        if dayNumber != .min { all[dayNumber] = day }
        return all
    }

    /// Adds `other`, whose tally is `theirs`, into these panels, whose tally `mine` already holds
    /// every client and path of `theirs`.
    mutating func merge(_ other: PanelTally, theirs: TrafficTally, mine: TrafficTally) {
        for i in 0..<24 {
            hourHits[i] &+= other.hourHits[i]
            hourBytes[i] &+= other.hourBytes[i]
        }
        for (mine, theirs) in [(agents, other.agents), (referrers, other.referrers), (virtualHosts, other.virtualHosts)] {
            mine.add(contentsOf: theirs)
        }
        var all = allDays
        for (number, theirDay) in other.allDays {
            var merged = all[number] ?? Day()
            merged.hits &+= theirDay.hits
            merged.bytes &+= theirDay.bytes
            for visitor in theirDay.visitors.elements {
                let host = mine.hosts.id(of: theirs.hosts.key(id: visitor >> 32)) ?? 0
                let theirAgent = visitor & 0xFFFF_FFFF
                let agent = theirAgent == Self.noAgent ? Self.noAgent : agents.id(of: other.agents.key(id: theirAgent)) ?? 0
                merged.visitors.insert(host << 32 | agent)
            }
            all[number] = merged
        }
        days = all
        dayNumber = .min
        day = Day()
        durations.merge(other.durations)
        for (theirPath, count) in other.notFound.enumerated() where count > 0 {
            guard let path = mine.paths.id(of: theirs.paths.key(id: theirPath)) else { continue }
            Self.grow(&notFound, to: path, 0)
            notFound[path] &+= count
        }
        for (theirPath, timed) in other.pathTimed.enumerated() where timed > 0 {
            guard let path = mine.paths.id(of: theirs.paths.key(id: theirPath)) else { continue }
            Self.grow(&pathMicros, to: path, 0)
            Self.grow(&pathTimed, to: path, 0)
            pathMicros[path] &+= other.pathMicros[theirPath]
            pathTimed[path] &+= timed
        }
    }

    private static func grow<T>(_ array: inout [T], to index: Int, _ zero: T) {
        if index >= array.count { array += [T](repeating: zero, count: index + 1 - array.count) }
    }
}
