import Mustache
import WeirCore
import WeirTraffic

/// Writes `weir analyze --html`'s file: the report with the dashboard's stylesheet inline and the
/// dashboard's chart template, so it reads offline and looks like the dashboard.
public struct ReportRenderer: Sendable {
    private let pages = PageRenderer()

    public init() {}

    /// The whole HTML file of `report` (which should hold its timeline), stamped `written`.
    public func render(_ report: AnalyzeReport, written: String) -> String {
        let view = AnalysisReportView(report)
        return pages.render(
            ReportDocument(
                title: view.title,
                inputs: view.inputs,
                style: DashboardStyle.text,
                report: view,
                version: WeirVersion.current,
                written: written
            ),
            template: "report"
        )
    }

    struct ReportDocument {
        let title: String
        let inputs: String
        let style: String
        let report: AnalysisReportView
        let version: String
        let written: String
    }
}
