import Hummingbird

/// Counts and times every request by method, route pattern (`/tasks/{id}`, never the raw path,
/// so that the series stay few) and status, errors included. Outermost, so it sees the status
/// the client gets.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, since: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context, status: status, since: started)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, since started: ContinuousClock.Instant) {
        metrics.requestServed(
            method: request.method.rawValue,
            route: context.endpointPath.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "unmatched",
            status: status,
            duration: started.duration(to: .now)
        )
    }
}
