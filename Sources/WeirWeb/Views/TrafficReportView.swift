import WeirModel
import WeirTraffic

/// A task's traffic page (`/ui/tasks/{id}/traffic`): its log file analysed as `weir analyze`
/// would, narrowed by `filter` query parameters, over a range or the whole file; a filter bar
/// to add and remove filters, and every panel row a link to the page narrowed to it.
public struct TrafficReportView: PageView {
    public static let template = "traffic"
    public var title: String { "\(name): traffic" }
    public let id: Int64
    public let name: String
    public let target: String
    public let ranges: [RangeLink]
    public let filters: [ActiveFilter]
    public let hasFilters: Bool
    /// Why there is no report, or what is wrong with a filter.
    public let problem: String?
    public let report: AnalysisReportView?
    public let rangeKey: String

    /// A range to choose; `key` is empty for the whole file.
    public struct RangeLink: Sendable {
        public let key: String
        public let label: String
        public let selected: Bool
        public let link: String
    }

    /// An applied filter, with the link that removes it.
    public struct ActiveFilter: Sendable {
        public let text: String
        public let removeLink: String
    }

    /// `filters` as given (valid or not), `range` as chosen (`nil`: the whole file).
    public init(task: MonitoringTask, filters: [String], range: ChartRange?, report: AnalysisReportView?, problem: String?) {
        id = task.id
        name = task.name
        target = TaskText.target(task)
        let base = "/ui/tasks/\(task.id)/traffic"
        let rangeQuery = range.map { "&range=\($0.rawValue)" } ?? ""
        let query = AnalysisReportView.filterQuery
        self.filters = filters.enumerated().map { k, text in
            var rest = filters
            rest.remove(at: k)
            return ActiveFilter(text: text, removeLink: base + "?" + query(rest) + rangeQuery)
        }
        hasFilters = !filters.isEmpty
        let kept = query(filters)  // the filters, for the range links
        rangeKey = range?.rawValue ?? ""
        ranges =
            [RangeLink(key: "", label: "whole file", selected: range == nil, link: base + "?" + kept)]
            + ChartRange.allCases.map {
                RangeLink(key: $0.rawValue, label: $0.label, selected: $0 == range, link: base + "?" + kept + "&range=\($0.rawValue)")
            }
        var linked = report
        linked?.link(to: base, extra: rangeQuery)
        self.report = linked
        self.problem = problem
    }
}
