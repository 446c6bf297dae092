/// The ranges a task page shows, ending at the task's latest stored minute (a log's own time,
/// which may be long past).
public enum ChartRange: String, CaseIterable, Sendable {
    case hour = "1h"
    case sixHours = "6h"
    case day = "24h"
    case week = "7d"

    public var seconds: Int64 {
        switch self {
        case .hour: 3_600
        case .sixHours: 21_600
        case .day: 86_400
        case .week: 604_800
        }
    }

    /// The length of a chart's slot over this range: a minute, or more past a day.
    public var slotSeconds: Int64 { ChartSeries.step(spanning: seconds, maxPoints: ChartBuilder.maxPoints) }

    public var label: String {
        switch self {
        case .hour: "1 hour"
        case .sixHours: "6 hours"
        case .day: "24 hours"
        case .week: "7 days"
        }
    }
}
