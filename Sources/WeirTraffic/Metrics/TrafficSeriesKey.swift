/// The labels of one traffic series: the virtual host (empty when the log names none), the method
/// (one of ``standardMethods`` or `OTHER`), the status code (`other` for folded series) and the
/// route (the task's route pattern the path matched, else `other`).
public struct TrafficSeriesKey: Sendable, Hashable, Comparable {
    public var vhost: String
    public var method: String
    public var status: String
    public var route: String

    public init(vhost: String, method: String, status: String, route: String = TrafficSeriesKey.otherRoute) {
        self.vhost = vhost
        self.method = method
        self.status = status
        self.route = route
    }

    /// The route of a request no declared route pattern matches.
    public static let otherRoute = "other"

    /// Where requests go once a task has ``TrafficCounts/seriesCap`` series.
    public static let folded = TrafficSeriesKey(vhost: "other", method: "OTHER", status: "other")

    /// Methods kept as they are; any other is `OTHER`.
    public static let standardMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]

    /// By virtual host, method, status and route, each compared by its UTF-8 bytes: the order of
    /// `/metrics`, the same on every instance, and cheaper than `String`'s Unicode order, which
    /// sorting every series of every task at each scrape would pay.
    /// Equality is by bytes too (not `String`'s `!=`, which calls two spellings of one accented
    /// name equal), so that the order stays a strict weak order.
    public static func < (a: Self, b: Self) -> Bool {
        if !a.vhost.utf8.elementsEqual(b.vhost.utf8) { return a.vhost.utf8.lexicographicallyPrecedes(b.vhost.utf8) }
        if !a.method.utf8.elementsEqual(b.method.utf8) { return a.method.utf8.lexicographicallyPrecedes(b.method.utf8) }
        if !a.status.utf8.elementsEqual(b.status.utf8) { return a.status.utf8.lexicographicallyPrecedes(b.status.utf8) }
        return a.route.utf8.lexicographicallyPrecedes(b.route.utf8)
    }
}
