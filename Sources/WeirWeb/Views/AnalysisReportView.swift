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
    public let panels: [Panel]
    public let malformed: [String]
    public let hasMalformed: Bool

    /// A figure of the summary.
    public struct Figure: Sendable {
        public let name: String
        public let value: String
    }

    /// A titled table of names and counts.
    public struct Panel: Sendable {
        public let title: String
        public let column: String
        public let rows: [Row]
    }

    public struct Row: Sendable {
        public let name: String
        public let hits: String
        public let detail: String
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
    }

    static func panels(_ r: AnalyzeReport) -> [Panel] {
        func counts(_ pairs: [(String, Int)]) -> [Row] {
            pairs.map {
                Row(
                    name: $0.0,
                    hits: "\($0.1)",
                    detail: r.requests > 0 ? DecimalText.fixed(100 * Double($0.1) / Double(r.requests), places: 1) + "%" : ""
                )
            }
        }
        func named(_ title: String, _ list: [AnalyzeReport.NamedCount]) -> Panel {
            Panel(title: title, column: "share", rows: counts(list.map { ($0.name, $0.hits) }))
        }
        var panels = [
            Panel(title: "Status classes", column: "share", rows: counts(r.statusClasses.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
            Panel(title: "Status codes", column: "share", rows: counts(r.status.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
            Panel(title: "Methods", column: "share", rows: counts(r.methods.sorted { $0.value > $1.value }.map { ($0.key, $0.value) })),
            named("Top paths", r.paths), named("Top sections", r.sections), named("Top client hosts", r.hosts),
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
            named("404s by path", r.notFound), named("Browsers", r.browsers), named("Operating systems", r.operatingSystems),
            named("Crawlers", r.crawlers), named("Referring sites", r.referringSites), named("Referrers", r.referrers),
            named("Virtual hosts", r.virtualHosts),
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
                    rows: t.slowestPaths.map { Row(name: $0.name, hits: DecimalText.fixed($0.meanMs, places: 2) + " ms", detail: "\($0.hits)") }
                )
            )
        }
        return panels.filter { !$0.rows.isEmpty }
    }
}
