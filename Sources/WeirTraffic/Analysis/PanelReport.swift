import WeirCore
import WeirLog

/// Turns the counts of ``PanelTally`` into the panels of an ``AnalyzeReport``, each list bounded
/// by `--top`, ties broken by name so that the report never depends on counting order.
enum PanelReport {
    static func fill(_ r: inout AnalyzeReport, _ p: PanelTally, tally: TrafficTally, top: Int) {
        let days = p.allDays.sorted { $0.key < $1.key }
        r.visitors = days.reduce(0) { $0 + $1.value.visitors.count }
        r.days = days.suffix(top).map { number, day in
            .init(day: String(Timestamps.rfc3339(number * 86_400).prefix(10)), visitors: day.visitors.count, hits: day.hits, bytes: day.bytes)
        }
        r.hours = (0..<24).map { .init(hour: $0, hits: p.hourHits[$0], bytes: p.hourBytes[$0]) }
        r.notFound = ranked(p.notFound.enumerated().filter { $0.element > 0 }.map { (tally.paths.key(id: $0.offset), $0.element) }, top)
        var browsers: [String: Int] = [:]
        var systems: [String: Int] = [:]
        var crawlers: [String: Int] = [:]
        for (agent, count) in p.agents.entries {
            let kind = UserAgentClass(agent)
            browsers[kind.browser, default: 0] += count
            systems[kind.operatingSystem, default: 0] += count
            if let crawler = kind.crawler { crawlers[crawler, default: 0] += count }
        }
        r.browsers = ranked(browsers.map { ($0.key, $0.value) }, top)
        r.operatingSystems = ranked(systems.map { ($0.key, $0.value) }, top)
        r.crawlers = ranked(crawlers.map { ($0.key, $0.value) }, top)
        var sites: [String: Int] = [:]
        for (referrer, count) in p.referrers.entries { sites[site(of: referrer), default: 0] += count }
        r.referringSites = ranked(sites.map { ($0.key, $0.value) }, top)
        r.referrers = AnalyzeReport.NamedCount.list(p.referrers.top(top))
        r.virtualHosts = AnalyzeReport.NamedCount.list(p.virtualHosts.top(top))
        r.responseTimes = responseTimes(p, tally: tally, top: top)
    }

    static func responseTimes(_ p: PanelTally, tally: TrafficTally, top: Int) -> AnalyzeReport.ResponseTimes? {
        let d = p.durations
        guard d.count > 0 else { return nil }
        let slowest = p.pathTimed.enumerated().filter { $0.element > 0 }.map { path, timed in
            AnalyzeReport.TimedPath(name: tally.paths.key(id: path), hits: timed, meanMs: ms(Double(p.pathMicros[path]) / Double(timed)))
        }
        .sorted { $0.meanMs != $1.meanMs ? $0.meanMs > $1.meanMs : $0.name < $1.name }
        return .init(
            requests: d.count,
            meanMs: ms(Double(d.sumMicros) / Double(d.count)),
            p50Ms: ms(d.quantile(0.5)),
            p95Ms: ms(d.quantile(0.95)),
            p99Ms: ms(d.quantile(0.99)),
            maxMs: ms(Double(d.maxMicros)),
            slowestPaths: Array(slowest.prefix(top))
        )
    }

    /// Microseconds as milliseconds, to the microsecond.
    static func ms(_ micros: Double) -> Double { (micros).rounded() / 1000 }

    /// The host of a referrer URL (`https://a.example/x` → `a.example`); the referrer itself
    /// when it is no URL.
    static func site(of referrer: String) -> String {
        guard let after = ByteSearch.offset(after: "://", in: referrer) else { return referrer }
        let host = referrer.utf8.dropFirst(after).prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        return host.isEmpty ? referrer : String(decoding: host, as: UTF8.self)
    }

    /// The `top` names with the highest counts, ties by name.
    static func ranked(_ counts: [(String, Int)], _ top: Int) -> [AnalyzeReport.NamedCount] {
        counts.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(top).map { .init(name: $0.0, hits: $0.1) }
    }
}
