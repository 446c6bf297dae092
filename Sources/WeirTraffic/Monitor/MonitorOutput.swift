import Foundation
import WeirCore
import WeirLog

/// Turns monitor events into the lines `monitor.md` specifies: text (alerts word for word) or
/// one JSON object per line.
public struct MonitorOutput: Sendable {
    public enum Style: Sendable { case text, verbose, quiet, json }
    public let style: Style

    public init(style: Style) { self.style = style }

    /// The line(s) for one event, without a final newline; `nil` when the style hides it.
    public func render(_ event: MonitorEvent) -> String? {
        switch (event, style) {
        case (.stats, .quiet): return nil
        case (.stats(let block), .json): return json(StatsJSON(block))
        case (.alert(let a), .json): return json(AlertJSON(event: "alert", a))
        case (.recovered(let a), .json): return json(AlertJSON(event: "recovered", a))
        case (.alert(let a), _):
            return "High traffic generated an alert - hits = \(Self.twoDecimals(a.average)), triggered at \(Timestamps.rfc3339(a.at))"
        case (.recovered(let a), _):
            return "High traffic alert recovered - hits = \(Self.twoDecimals(a.average)), recovered at \(Timestamps.rfc3339(a.at))"
        case (.stats(let block), _): return text(block)
        }
    }

    private func text(_ b: StatsBlock) -> String {
        let classes = ["2xx", "3xx", "4xx", "5xx"].map { "\($0) \(b.statusClasses[$0] ?? 0)" }.joined(separator: " ")
        let methods = b.methods.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: " ")
        let mean = b.hits > 0 ? b.bytes / Int64(b.hits) : 0
        var line =
            "[\(Timestamps.rfc3339(b.at))]\(b.final ? " final" : "") \(b.hits) hits \(Self.twoDecimals(b.interval > 0 ? b.rps : 0)) req/s | \(classes)"
        if !methods.isEmpty { line += " | \(methods)" }
        line += " | \(b.bytes) bytes (mean \(mean))"
        if b.malformed > 0 || b.late > 0 || style == .verbose { line += " | malformed \(b.malformed) late \(b.late)" }
        func list(_ items: [StatsBlock.NamedCount]) -> String { items.map { "\($0.name) \($0.hits)" }.joined(separator: ", ") }
        if style == .verbose {
            line += "\n    sections: \(list(b.sections))\n    hosts:    \(list(b.hosts))"
            line += "\n    status:   " + b.statusCodes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " ")
        } else if !b.sections.isEmpty {
            line += "\n    top sections: \(list(Array(b.sections.prefix(3))))  top hosts: \(list(Array(b.hosts.prefix(3))))"
        }
        return line
    }

    static func twoDecimals(_ v: Double) -> String {
        DecimalText.fixed(v, places: 2)
    }

    static func rounded(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    private func json(_ value: some Encodable) -> String {
        (try? JSONCoding.string(value)) ?? ""
    }

    struct StatsJSON: Encodable {
        struct Named: Encodable {
            var name: String
            var hits: Int
        }
        var event = "stats"
        var at: String
        var interval: Int64
        var hits: Int
        var rps: Double
        var sections: [Named]
        var hosts: [Named]
        var status: [String: Int]
        var statusCodes: [String: Int]
        var methods: [String: Int]
        var bytes: Int64
        var malformed: Int
        var late: Int
        var final: Bool?

        init(_ b: StatsBlock) {
            at = Timestamps.rfc3339(b.at)
            interval = b.interval
            hits = b.hits
            rps = MonitorOutput.rounded(b.interval > 0 ? b.rps : 0)
            sections = b.sections.map { Named(name: $0.name, hits: $0.hits) }
            hosts = b.hosts.map { Named(name: $0.name, hits: $0.hits) }
            status = b.statusClasses
            statusCodes = b.statusCodes
            methods = b.methods
            bytes = b.bytes
            malformed = b.malformed
            late = b.late
            final = b.final ? true : nil
        }

        enum CodingKeys: String, CodingKey {
            case event, at, interval, hits, rps, sections, hosts, status
            case statusCodes = "status_codes"
            case methods, bytes, malformed, late, final
        }
    }

    struct AlertJSON: Encodable {
        var event: String
        var at: String
        var avg: Double
        var windowHits: Int
        var threshold: Double

        init(event: String, _ a: AlertChange) {
            self.event = event
            at = Timestamps.rfc3339(a.at)
            avg = MonitorOutput.rounded(a.average)
            windowHits = a.windowHits
            threshold = a.threshold
        }

        enum CodingKeys: String, CodingKey {
            case event, at, avg
            case windowHits = "window_hits"
            case threshold
        }
    }
}
