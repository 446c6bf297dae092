import Hummingbird
import WeirModel

/// `GET /health`: the service and its database, for probes; open to anyone.
struct HealthController: APIController {
    let store: any SchemaStore
    let version: String

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/health") { _, _ in try await health() }
        return routes
    }

    func health() async throws -> Response {
        do {
            try await store.ping()
            return try .json(HealthResponse(status: "ok", database: "ok", version: version))
        } catch {
            let body = HealthResponse(status: "unavailable", database: "unreachable: \(error)", version: version)
            return try .json(body, status: .serviceUnavailable)
        }
    }
}
