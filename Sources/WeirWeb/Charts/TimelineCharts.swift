import WeirCore
import WeirTraffic

/// The charts of `weir analyze --html` from the report's timeline: requests, bytes and status
/// classes over time, in at most ``ChartBuilder/maxPoints`` slots.
enum TimelineCharts {
    static func charts(_ timeline: [AnalyzeReport.TimelineMinute]) -> [ChartView] {
        guard let first = timeline.first?.start, let last = timeline.last?.start else { return [] }
        let step = ChartSeries.step(spanning: last - first + 60, maxPoints: ChartBuilder.maxPoints)
        let origin = first.floorDivided(by: step) * step
        let count = Int((last.floorDivided(by: step) * step - origin) / step) + 1
        var slots = [AnalyzeReport.TimelineMinute](repeating: .init(start: 0), count: count)
        for minute in timeline {
            let index = Int((minute.start.floorDivided(by: step) * step - origin) / step)
            slots[index].add(minute)
        }
        let per = step == 60 ? "a minute" : "per \(TaskText.period(step))"
        func line(_ value: KeyPath<AnalyzeReport.TimelineMinute, Int>, _ css: String, _ label: String) -> ChartView.Line {
            ChartView.Line(values: slots.map { Double($0[keyPath: value]) }, css: css, label: label)
        }
        return [
            ChartView(
                key: "requests",
                title: "Requests",
                caption: "requests \(per)",
                lines: [line(\.requests, "", "requests")],
                unit: "",
                origin: origin,
                step: step,
                marks: [],
                band: .none
            ),
            ChartView(
                key: "bytes",
                title: "Bytes",
                caption: "bytes sent \(per)",
                lines: [.init(values: slots.map { Double($0.bytes) })],
                unit: "B",
                origin: origin,
                step: step,
                marks: [],
                band: .none
            ),
            ChartView(
                key: "status",
                title: "Status classes",
                caption: "responses \(per), by class",
                lines: [
                    line(\.status2xx, "c2xx", "2xx"), line(\.status3xx, "c3xx", "3xx"), line(\.status4xx, "c4xx", "4xx"),
                    line(\.status5xx, "c5xx", "5xx"),
                ],
                unit: "",
                origin: origin,
                step: step,
                marks: [],
                band: .none
            ),
        ]
    }
}
