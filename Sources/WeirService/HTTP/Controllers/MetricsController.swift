import Hummingbird

/// `GET /metrics`: the Prometheus text page; open to scrapers.
struct MetricsController: APIController {
    let metrics: ServiceMetrics

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/metrics") { _, _ in
            Response.text(metrics.render(), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        return routes
    }
}
