import WeirDetect
import WeirModel

/// The overview: every task with its state, last run, open incidents and a sparkline of its
/// requests a minute over its last stored hour.
public struct OverviewView: PageView {
    public static let template = "overview"
    public let title = "Overview"
    public let tasks: [Row]
    public let hasTasks: Bool

    /// One task's line.
    public struct Row: Sendable {
        public let id: Int64
        public let name: String
        public let target: String
        public let state: String
        public let stateClass: String
        public let lastRun: String
        public let openIncidents: Int
        public let sparkline: SparklineView?
    }

    public init(tasks: [Row]) {
        self.tasks = tasks
        hasTasks = !tasks.isEmpty
    }

    /// A task's line from what the store holds about it.
    public static func row(_ task: MonitoringTask, lastRun: RunRecord?, openIncidents: Int, minutes: [FeatureBucket]) -> Row {
        Row(
            id: task.id,
            name: task.name,
            target: TaskText.target(task),
            state: TaskText.state(task).text,
            stateClass: TaskText.state(task).css,
            lastRun: lastRun.map(TaskText.run) ?? "never",
            openIncidents: openIncidents,
            sparkline: SparklineView(minutes: minutes)
        )
    }
}
