import Hummingbird

/// `GET /openapi.json`: the OpenAPI document of every route.
struct OpenAPIController: APIController {
    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/openapi.json") { _, _ in Response.text(OpenAPIDocument.json, type: "application/json") }
        return routes
    }
}
