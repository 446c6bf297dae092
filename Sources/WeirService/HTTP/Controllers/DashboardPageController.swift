import Hummingbird
import WeirCore
import WeirDetect
import WeirModel
import WeirWeb

/// The dashboard's pages: `/` (overview), `/ui/tasks/new`, `/ui/tasks/{id}`, `/ui/incidents`
/// and `/ui/channels`, read from the store and rendered on the server.
struct DashboardPageController: APIController {
    let store: any WeirStore
    let renderer: DashboardRenderer

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/") { _, _ in try await overview() }
        routes.get("/ui/tasks/new") { _, _ in renderer.response(NewTaskView(form: .blank())) }
        routes.get("/ui/tasks/:id") { request, context in
            let task = try await TaskLookup(store: store).task(context)
            return renderer.response(try await taskPage(task, range: request.uri.queryParameters.get("range"), form: .editing(task)))
        }
        routes.get("/ui/incidents") { request, _ in try await incidents(request) }
        routes.get("/ui/channels") { _, _ in renderer.response(ChannelsView(channels: try await store.channels())) }
        return routes
    }

    /// The most tasks the overview lists.
    static let overviewLimit = 200

    func overview() async throws -> Response {
        var rows: [OverviewView.Row] = []
        let open = try await store.openIncidentCountsByTask()
        for task in try await store.tasks(active: nil, after: nil, limit: Self.overviewLimit) {
            rows.append(
                OverviewView.row(
                    task,
                    lastRun: try await store.runs(taskID: task.id, limit: 1).first,
                    openIncidents: open[task.id] ?? 0,
                    minutes: try await store.latestTrafficMinutes(taskID: task.id, count: 60)
                )
            )
        }
        return renderer.response(OverviewView(tasks: rows))
    }

    /// A task's page over `range` (`1h`, `6h`, `24h`, `7d`; a day by default), ending at its
    /// latest stored minute.
    func taskPage(_ task: MonitoringTask, range rangeText: String?, form: TaskFormView, flash: String? = nil) async throws -> TaskView {
        let range = rangeText.flatMap(ChartRange.init(rawValue:)) ?? .day
        let stored = try await store.model(taskID: task.id)
        var minutes: [FeatureBucket] = []
        var expected: ExpectedBands?
        if let latest = try await store.latestTrafficMinutes(taskID: task.id, count: 1).first?.start {
            let from = latest - range.seconds + 60
            let model = StoredModel.inUse(stored, for: task.detection.settings)
            let bucket = Int64(max(model.bucketSeconds, 60))
            guard task.detection.settings.enabled, range.slotSeconds == bucket else {  // no band to draw from the model
                minutes = try await store.trafficMinutes(taskID: task.id, since: from)
                return try await taskView(task, range, minutes, nil, stored, form, flash)
            }
            // The model's band needs the detectors warmed as the runs warmed them.
            let start = from.floorDivided(by: bucket) * bucket
            let warm = try await store.trafficMinutes(
                taskID: task.id,
                since: TaskModelling.warmStart(from: start, bucketSeconds: model.bucketSeconds)
            )
            expected = ExpectedBands(bucketSeconds: model.bucketSeconds, ranges: TaskModelling.expectedRanges(model, minutes: warm, from: start))
            minutes = warm.filter { $0.start >= from }
        }
        return try await taskView(task, range, minutes, expected, stored, form, flash)
    }

    private func taskView(
        _ task: MonitoringTask,
        _ range: ChartRange,
        _ minutes: [FeatureBucket],
        _ expected: ExpectedBands?,
        _ model: StoredModel?,
        _ form: TaskFormView,
        _ flash: String?
    ) async throws -> TaskView {
        let anomalies = try await store.findings(taskID: task.id, query: FindingQuery(rule: "anomaly", limit: 500)).map {
            TimeSpan(first: $0.finding.first, last: $0.finding.last, label: $0.finding.message)
        }
        return TaskView(
            task: task,
            range: range,
            minutes: minutes,
            anomalies: anomalies,
            expected: expected,
            runs: try await store.runs(taskID: task.id, limit: 20),
            findings: try await store.findings(taskID: task.id, query: FindingQuery(limit: 20)),
            incidents: try await store.incidents(IncidentQuery(taskID: task.id, limit: 50)),
            model: model,
            form: form,
            flash: flash
        )
    }

    func incidents(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let state = query.get("state").flatMap(IncidentState.init(rawValue:))
        let taskID = query.get("task").flatMap { Int64($0) }
        let tasks = try await store.tasks(active: nil, after: nil, limit: Self.overviewLimit)
        let incidents = try await store.incidents(IncidentQuery(taskID: taskID, state: state, limit: 200))
        let names = Dictionary(tasks.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return renderer.response(IncidentsView(incidents: incidents, taskNames: names, state: state, taskID: taskID))
    }
}
