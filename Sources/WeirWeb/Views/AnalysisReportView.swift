import Foundation
import WeirCore
import WeirTraffic

/// `weir analyze --html`: the text report's figures, the timeline's charts, and every top list
/// and panel as tables.
public struct AnalysisReportView: Sendable {
    public let title: String
    public let inputs: String
    public let figures: [Figure]
    public let charts: [ChartView]
    public let hasCharts: Bool
    public private(set) var panels: [Panel]
    public let malformed: [String]
    public let hasMalformed: Bool
    /// The filters the report was made with.
    public let filters: [String]
    public let hasFilters: Bool

    /// A figure of the summary.
    public struct Figure: Sendable {
        public let name: String
        public let value: String
    }

    /// A titled table of names and counts.
    public struct Panel: Sendable {
        public let title: String
        public let column: String
        public var rows: [Row]
    }

    /// A row: its name, counts, and the filters that narrow a report to it (empty when none
    /// can, as for a day or a browser's family), with the link to that report when there is one.
    public struct Row: Sendable {
        public let name: String
        public let hits: String
        public let detail: String
        public let filters: [String]
        /// The `--filter` arguments that narrow a report to this row, for the static report; a
        /// `route` filter comes after the report's `--route` arguments, which it needs.
        public let filterArguments: String?
        public var link: String?

        init(name: String, hits: String, detail: String, filters: [String] = [], routes: [String] = []) {
            self.name = name
            self.hits = hits
            self.detail = detail
            let parsed = filters.compactMap { try? RequestFilter($0) }
            self.filters = parsed.count == filters.count ? filters : []
            let routeFlags = parsed.contains { $0.field == .route } ? routes.map { "--route \(Self.quoted($0))" } : []
            filterArguments = self.filters.isEmpty ? nil : (routeFlags + self.filters.map { "--filter \(Self.quoted($0))" }).joined(separator: " ")
        }

        /// `text` in single quotes for a POSIX shell.
        static func quoted(_ text: String) -> String {
            "'\(text.replacingOccurrences(of: "'", with: "'\\''"))'"
        }
    }

    public init(_ report: AnalyzeReport) {
        inputs = report.inputs.map { "\($0.name) (\($0.format ?? "empty"))" }.joined(separator: ", ")
        title = "Weir report: \(inputs)"
        var figures = [
            Figure(name: "requests", value: "\(report.requests)"),
            Figure(name: "lines read", value: "\(report.lines)"),
            Figure(name: "malformed lines", value: "\(report.malformed)"),
            Figure(name: "unique visitors", value: "\(report.visitors)"),
            Figure(name: "distinct clients", value: "\(report.distinctHosts)"),
            Figure(name: "distinct paths", value: "\(report.distinctPaths)"),
            Figure(name: "bytes sent", value: "\(report.bytes)"),
            Figure(name: "mean bytes", value: DecimalText.fixed(report.meanBytes, places: 2)),
        ]
        if let peak = report.peakMinute { figures.append(Figure(name: "busiest minute (\(peak.minute))", value: "\(peak.hits)")) }
        if let first = report.first, let last = report.last {
            figures.append(Figure(name: "first request", value: first))
            figures.append(Figure(name: "last request", value: last))
        }
        if report.outsideTimeRange > 0 { figures.append(Figure(name: "outside --from/--to", value: "\(report.outsideTimeRange)")) }
        if !report.filters.isEmpty {
            figures.append(Figure(name: "filters", value: report.filters.joined(separator: " and ")))
            figures.append(Figure(name: "left out by the filters", value: "\(report.filteredOut)"))
        }
        self.figures = figures
        charts = TimelineCharts.charts(report.timeline ?? [])
        hasCharts = !charts.isEmpty
        panels = Self.panels(report)
        malformed = report.malformedLines.map { "\($0.file):\($0.line): \($0.reason)" }
        hasMalformed = !malformed.isEmpty
        filters = report.filters
        hasFilters = !filters.isEmpty
    }

    /// Makes each row with filters a link to `base` with the report's filters and the row's own
    /// as `filter` query parameters (each once), and `extra` parameters (already encoded) after.
    public mutating func link(to base: String, extra: String = "") {
        for p in panels.indices {
            for r in panels[p].rows.indices where !panels[p].rows[r].filters.isEmpty {
                var all = filters
                for filter in panels[p].rows[r].filters where !all.contains(filter) { all.append(filter) }
                panels[p].rows[r].link = base + "?" + Self.filterQuery(all) + extra
            }
        }
    }

    /// `filters` as `filter` query parameters, joined by `&`: each value percent-encoded but for
    /// unreserved characters, `/` and `*`.
    public static func filterQuery(_ filters: [String]) -> String {
        filters.map { "filter=" + ($0.addingPercentEncoding(withAllowedCharacters: queryValueCharacters) ?? "") }.joined(separator: "&")
    }

    private static let queryValueCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/*")

    static func panels(_ r: AnalyzeReport) -> [Panel] {
        /// The report's `--route` patterns (its Routes panel's rows but `other`).
        let routes = (r.routes ?? []).map(\.name).filter { $0 != TrafficSeriesKey.otherRoute }
        /// Rows of names and counts; `filters` gives the filters that narrow to a name.
        func counts(_ pairs: [(String, Int)], _ filters: (String) -> [String]) -> [Row] {
            pairs.map {
                Row(
                    name: $0.0,
                    hits: "\($0.1)",
                    detail: r.requests > 0 ? DecimalText.fixed(100 * Double($0.1) / Double(r.requests), places: 1) + "%" : "",
                    filters: filters($0.0),
                    routes: routes
                )
            }
        }
        func named(_ title: String, _ list: [AnalyzeReport.NamedCount], _ filters: @escaping (String) -> [String] = { _ in [] }) -> Panel {
            Panel(title: title, column: "share", rows: counts(list.map { ($0.name, $0.hits) }, filters))
        }
        func sorted(_ counts: [String: Int], byName: Bool) -> [(String, Int)] {
            counts.sorted { byName ? $0.key < $1.key : $0.value > $1.value }.map { ($0.key, $0.value) }
        }
        var panels = [
            Panel(title: "Status classes", column: "share", rows: counts(sorted(r.statusClasses, byName: true)) { ["status=\($0)"] }),
            Panel(title: "Status codes", column: "share", rows: counts(sorted(r.status, byName: true)) { ["status=\($0)"] }),
            Panel(title: "Methods", column: "share", rows: counts(sorted(r.methods, byName: false)) { ["method=\($0)"] }),
            named("Top paths", r.paths) { ["path=\($0)"] }, named("Top sections", r.sections) { ["path=\($0)/**"] },
            named("Routes (each request under the first that matches)", r.routes ?? []) { ["route=\($0)"] },
            named("Top client hosts", r.hosts) { ["client=\($0)"] },
            Panel(
                title: "Unique visitors per day (\(r.visitors) in all)",
                column: "requests, bytes",
                rows: r.days.map { Row(name: $0.day, hits: "\($0.visitors)", detail: "\($0.hits), \($0.bytes)") }
            ),
            Panel(
                title: "Requests per hour of day",
                column: "bytes",
                rows: r.hours.map { Row(name: AnalyzeReport.twoDigits($0.hour) + ":00", hits: "\($0.hits)", detail: "\($0.bytes)") }
            ),
            named("404s by path", r.notFound) { ["status=404", "path=\($0)"] }, named("Browsers", r.browsers),
            named("Operating systems", r.operatingSystems), named("Crawlers", r.crawlers),
            named("Referring sites", r.referringSites) { ["referrer~\($0)"] }, named("Referrers", r.referrers) { ["referrer=\($0)"] },
            named("Virtual hosts", r.virtualHosts) { ["vhost=\($0)"] },
        ]
        if let t = r.responseTimes {
            let summary = [("mean", t.meanMs), ("p50", t.p50Ms), ("p95", t.p95Ms), ("p99", t.p99Ms), ("max", t.maxMs)]
            panels.append(
                Panel(
                    title: "Response times (\(t.requests) requests)",
                    column: "",
                    rows: summary.map { Row(name: $0.0, hits: DecimalText.fixed($0.1, places: 2) + " ms", detail: "") }
                )
            )
            panels.append(
                Panel(
                    title: "Slowest paths",
                    column: "requests",
                    rows: t.slowestPaths.map {
                        Row(name: $0.name, hits: DecimalText.fixed($0.meanMs, places: 2) + " ms", detail: "\($0.hits)", filters: ["path=\($0.name)"])
                    }
                )
            )
        }
        return panels.filter { !$0.rows.isEmpty }
    }
}
