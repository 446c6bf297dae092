import Hummingbird
import WeirCore
import WeirLog
import WeirModel
import WeirSources
import WeirTraffic
import WeirWeb

/// `/ui/tasks/{id}/traffic`: a file task's log analysed as `weir analyze` would, narrowed by
/// `filter` query parameters (`weir analyze --filter`'s syntax, all applied) and a `range` ending
/// at the task's latest stored minute. One analysis runs at a time, off the cooperative pool; a
/// view of a log unchanged since the same view was made comes from ``TrafficReportCache``, and a
/// view of a log that grew reads only the lines appended since.
struct DashboardTrafficController: APIController {
    let store: any WeirStore
    let renderer: DashboardRenderer
    let policy: SourcePolicy
    /// Threads an analysis may use.
    let jobs: Int
    let metrics: ServiceMetrics
    let gate = AsyncSemaphore(permits: 1)
    let cache = TrafficReportCache()

    /// Thrown by an analysis that would wait behind ``queueLimit`` others.
    struct Refused: Error {}
    /// Analyses that may wait for the one running; past it a request is answered 503 at once.
    static let queueLimit = 4
    /// The most filters a page applies.
    static let filterLimit = 20

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/ui/tasks/:id/traffic") { request, context in
            let task = try await TaskLookup(store: store).task(context)
            return try await page(task, FormQuery(request.uri.query))
        }
        return routes
    }

    func page(_ task: MonitoringTask, _ query: FormQuery) async throws -> Response {
        let texts = query.values("filter").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let range = query.value("range").flatMap(ChartRange.init(rawValue:))
        func respond(_ report: AnalysisReportView?, problem: String?, status: HTTPResponse.Status = .ok) -> Response {
            renderer.response(TrafficReportView(task: task, filters: texts, range: range, report: report, problem: problem), status: status)
        }
        var filters: [RequestFilter] = []
        var problems: [String] = []
        if texts.count > Self.filterLimit { problems.append("At most \(Self.filterLimit) filters apply at once; this asks for \(texts.count).") }
        for text in texts {
            do { filters.append(try RequestFilter(text)) } catch { problems.append(String(error.description.trimmingPrefix("--filter "))) }
        }
        if let unknown = RequestFilter.unknownRoute(in: filters, routes: task.trafficMetrics.routes) {
            problems.append(String(unknown.description.trimmingPrefix("--filter ")))
        }
        guard problems.isEmpty else { return respond(nil, problem: problems.joined(separator: " "), status: .badRequest) }
        guard case .file(let path, let format) = task.target else {
            return respond(
                nil,
                problem: "The traffic panels read a log file, and this task reads another source. Use weir analyze --filter on an export of it."
            )
        }
        if let problem = policy.problem(with: path) { return respond(nil, problem: "The task's file cannot be read: \(problem)") }
        var options = Analyzer.Options(format: try LogFormat.chosen(format))
        options.filters = filters
        options.routes = task.trafficMetrics.routes
        options.timeline = true
        if let range, let latest = try await store.latestTrafficMinutes(taskID: task.id, count: 1).first?.start {
            options.from = latest - range.seconds + 60
            options.to = latest + 59
        }
        let (jobs, gate) = (jobs, gate)
        let update: TrafficReportCache.Update = { analysis in
            if await gate.waiting >= Self.queueLimit { throw Refused() }
            return try await gate.withPermit { try await BlockingWork.run { try analysis.update(jobs: jobs) } }
        }
        do {
            let key = TrafficReportCache.Key(
                path: path,
                format: format,
                filters: texts,
                routes: options.routes.map(\.description),
                from: options.from,
                to: options.to
            )
            let (report, outcome) = try await cache.report(for: key, options: options, update: update)
            metrics.trafficPageViewed(outcome.rawValue)
            return respond(AnalysisReportView(report), problem: nil)
        } catch is Refused {
            metrics.trafficPageViewed(ServiceMetrics.trafficPageRefused)
            return respond(
                nil,
                problem: "\(Self.queueLimit) traffic analyses are already waiting for the one running; try again in a moment.",
                status: .serviceUnavailable
            )
        } catch {
            return respond(nil, problem: "The task's file \(path) could not be read: \(error)")
        }
    }
}
