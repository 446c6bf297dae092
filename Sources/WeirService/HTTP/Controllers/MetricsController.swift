import Hummingbird
import WeirModel
import WeirTraffic

/// `GET /metrics`: the Prometheus text page; open to scrapers. The service's own families, then
/// the traffic the tasks counted, read from the store at each scrape.
struct MetricsController: APIController {
    let metrics: ServiceMetrics
    let store: any TrafficStore

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/metrics") { _, _ in
            let traffic = TrafficExposition.render(try await store.trafficTotals().map { (String($0.taskID), $0.name, $0.counts) })
            return Response.text(metrics.render() + traffic, type: "text/plain; version=0.0.4; charset=utf-8")
        }
        return routes
    }
}
