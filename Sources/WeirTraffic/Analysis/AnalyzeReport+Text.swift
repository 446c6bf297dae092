import WeirCore

extension AnalyzeReport {
    /// The report as text for a terminal.
    public func renderText() -> String {
        var out: [String] = []
        let names = inputs.map { "\($0.name) (\($0.format ?? "empty"))" }.joined(separator: ", ")
        out.append("Weir analysis of \(names)")
        out.append("")
        out.append(
            "  lines      \(lines)    parsed \(parsed)    malformed \(malformed)"
                + (outsideTimeRange > 0 ? "    outside --from/--to \(outsideTimeRange)" : "")
                + (filters.isEmpty ? "" : "    left out by --filter \(filteredOut)")
                + (directiveLines > 0 ? "    directives \(directiveLines)" : "")
        )
        if !filters.isEmpty { out.append("  filters    \(filters.joined(separator: " and "))") }
        out.append("  requests   \(requests)")
        if let first, let last { out.append("  time       \(first) → \(last)") }
        out.append("  bytes      \(bytes) total, \(Self.decimal(meanBytes)) mean")
        if let peakMinute { out.append("  peak       \(peakMinute.hits) requests/min at \(peakMinute.minute)") }
        out.append("  clients    \(distinctHosts) distinct    paths \(distinctPaths) distinct")
        out.append("")
        out.append(
            "Status classes: "
                + ["1xx", "2xx", "3xx", "4xx", "5xx", "other"].compactMap { key in
                    statusClasses[key].map { "\(key) \($0)" }
                }.joined(separator: "  ")
        )
        out.append("Status codes:   " + status.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "  "))
        out.append(
            "Methods:        "
                + methods.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: "  ")
        )
        for (title, list) in [("Top sections", sections), ("Top paths", paths), ("Top client hosts", hosts)] where !list.isEmpty {
            out += Self.table(title, list.map { (String($0.hits), $0.name) })
        }
        out += panelsText()
        if malformed > 0 {
            out.append("")
            out.append("Malformed lines (\(malformed); first \(malformedLines.count) shown):")
            for m in malformedLines { out.append("  \(m.file):\(m.line): \(m.reason)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The GoAccess-style panels: visitors per day, hours, 404s, agents, referrers, virtual
    /// hosts, response times; empty panels are left out.
    func panelsText() -> [String] {
        var out: [String] = []
        if !days.isEmpty {
            let rows = days.map { ("\($0.visitors) visitors", "\($0.day)  \($0.hits) requests  \($0.bytes) bytes") }
            out += Self.table("Unique visitors per day (\(visitors) in all)", rows)
        }
        if hours.contains(where: { $0.hits > 0 }) {
            out += Self.table("Requests per hour of day", hours.map { (String($0.hits), Self.twoDigits($0.hour) + ":00  \($0.bytes) bytes") })
        }
        if let routes { out += Self.table("Routes (each request under the first that matches)", routes.map { (String($0.hits), $0.name) }) }
        let lists = [
            ("404s by path", notFound), ("Browsers", browsers), ("Operating systems", operatingSystems), ("Crawlers", crawlers),
            ("Referring sites", referringSites), ("Referrers", referrers), ("Virtual hosts", virtualHosts),
        ]
        for (title, list) in lists where !list.isEmpty { out += Self.table(title, list.map { (String($0.hits), $0.name) }) }
        if let t = responseTimes {
            out.append("")
            out.append(
                "Response times (\(t.requests) requests): mean \(Self.decimal(t.meanMs)) ms  p50 \(Self.decimal(t.p50Ms))  "
                    + "p95 \(Self.decimal(t.p95Ms))  p99 \(Self.decimal(t.p99Ms))  max \(Self.decimal(t.maxMs)) ms"
            )
            out += Self.table("Slowest paths (mean ms)", t.slowestPaths.map { (Self.decimal($0.meanMs), "\($0.name)  (\($0.hits) requests)") })
                .dropFirst()
        }
        return out
    }

    /// A titled list of right-aligned numbers and names, after a blank line.
    static func table(_ title: String, _ rows: [(number: String, name: String)]) -> [String] {
        let width = rows.map(\.number.count).max() ?? 0
        return ["", "\(title):"] + rows.map { "  " + String(repeating: " ", count: width - $0.number.count) + $0.number + "  " + $0.name }
    }

    /// `n` (0 to 99) with two digits: an hour as `07`.
    public static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func decimal(_ value: Double) -> String {
        DecimalText.fixed(value, places: 2)
    }
}
