import WeirDetect
import WeirModel

/// A task's page: its charts over a chosen range, incidents, runs, the expert system's choice, and
/// its edit form.
public struct TaskView: PageView {
    public static let template = "task"
    public var title: String { name }
    public let id: Int64
    public let name: String
    public let description: String?
    public let target: String
    public let frequency: String
    public let state: String
    public let stateClass: String
    public let ranges: [RangeLink]
    public let charts: [ChartView]
    public let hasData: Bool
    public let incidents: [IncidentRow]
    public let hasIncidents: Bool
    public let runs: [RunRow]
    /// The latest findings, newest first.
    public let findings: [FindingRow]
    public let hasFindings: Bool
    public let hasRuns: Bool
    public let detection: DetectionSummary
    public let form: TaskFormView
    public let flash: String?

    /// A link to the page over another range.
    public struct RangeLink: Sendable {
        public let key: String
        public let label: String
        public let selected: Bool
    }

    /// One run's line.
    public struct RunRow: Sendable {
        public let id: Int64
        public let trigger: String
        public let status: String
        public let statusClass: String
        public let started: String
        public let lines: Int64
        public let malformed: Int64
        public let findings: Int64
        public let error: String

        init(_ run: RunRecord) {
            id = run.id
            trigger = run.trigger.rawValue
            status = run.status.rawValue
            statusClass = TaskText.statusClass(run.status)
            started = TaskText.instant(run.startedAt)
            lines = run.linesRead
            malformed = run.malformedLines
            findings = run.findingCount
            error = run.error ?? ""
        }
    }

    /// What the stored page shows of a task; `minutes` are the stored minutes of the range,
    /// `expected` what its model expected of them.
    public init(
        task: MonitoringTask,
        range: ChartRange,
        minutes: [FeatureBucket],
        anomalies: [TimeSpan],
        expected: ExpectedBands? = nil,
        runs: [RunRecord],
        findings: [FindingRecord] = [],
        incidents: [Incident],
        model: StoredModel?,
        form: TaskFormView,
        flash: String? = nil
    ) {
        id = task.id
        name = task.name
        description = task.description.isEmpty ? nil : task.description
        target = TaskText.target(task)
        frequency = TaskText.period(task.frequency)
        (state, stateClass) = TaskText.state(task)
        ranges = ChartRange.allCases.map { RangeLink(key: $0.rawValue, label: $0.label, selected: $0 == range) }
        charts = ChartBuilder.charts(minutes: minutes, span: range.seconds, anomalies: anomalies, expected: expected)
        self.incidents = incidents.map { IncidentRow($0, taskName: task.name) }
        self.runs = runs.map(RunRow.init)
        self.findings = findings.map(FindingRow.init)
        hasFindings = !findings.isEmpty
        detection = DetectionSummary(task: task, model: model)
        hasData = !charts.isEmpty
        hasIncidents = !incidents.isEmpty
        hasRuns = !runs.isEmpty
        self.form = form
        self.flash = flash
    }
}
