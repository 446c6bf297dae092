import Hummingbird
import WeirModel

/// `GET /task-properties[/{name}]`: the rules a task's `properties` may hold.
struct RuleController: APIController {
    let store: any SchemaStore

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/task-properties") { _, _ in try Response.json(try await store.ruleCatalogue()) }
        routes.get("/task-properties/:name") { _, context in try await rule(context) }
        return routes
    }

    func rule(_ context: BasicRequestContext) async throws -> Response {
        let name = context.parameters.get("name") ?? ""
        guard let rule = try await store.ruleCatalogue().first(where: { $0.name == name }) else {
            throw APIError.notFound("no rule named \"\(name)\"; GET /task-properties lists them")
        }
        return try .json(rule)
    }
}
