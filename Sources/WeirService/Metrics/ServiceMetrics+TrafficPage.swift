import Prometheus

extension ServiceMetrics {
    /// The outcomes of a traffic page view: ``TrafficReportCache/Outcome``'s, and `refused` (503,
    /// too many analyses waiting).
    static let trafficPageOutcomes = TrafficReportCache.Outcome.allCases.map(\.rawValue) + [trafficPageRefused]
    /// The outcome of a view answered 503.
    static let trafficPageRefused = "refused"

    /// Starts the family at 0 for every outcome.
    func trafficPageStarted() {
        for outcome in Self.trafficPageOutcomes { trafficPageCounter(outcome).increment(by: Int64(0)) }
    }

    /// One view of a task's traffic page, by how its report was had.
    func trafficPageViewed(_ outcome: String) {
        trafficPageCounter(outcome).increment(by: Int64(1))
    }

    private func trafficPageCounter(_ outcome: String) -> Counter {
        registry.makeCounter(
            name: "weir_dashboard_traffic_views_total",
            labels: [("outcome", outcome)],
            help:
                "Views of the dashboard's traffic page: analysed (the log read whole), extended (only the lines appended since the last view read), cached (unchanged log, same view), joined (waited for the same analysis), refused (503)."
        )
    }
}
