/// The traffic features the expert system can watch, measured per time bucket from the logs.
public enum TrafficFeature: String, Sendable, CaseIterable, Codable {
    case requests
    case distinctClients = "distinct_clients"
    /// Requests of the busiest client (one client flooding).
    case busiestClient = "busiest_client_requests"
    /// Share of requests answered 4xx.
    case errors4xx = "errors_4xx"
    /// Share of requests answered 5xx.
    case errors5xx = "errors_5xx"
    case bytes
    /// The most distinct paths requested by one client (a scanner).
    case pathsPerClient = "paths_per_client"

    /// Whether buckets add up exactly when merged into longer ones. The others are, over a
    /// longer bucket, the peak of their per-minute values.
    public var isAdditive: Bool {
        switch self {
        case .requests, .errors4xx, .errors5xx, .bytes: true
        case .distinctClients, .busiestClient, .pathsPerClient: false
        }
    }

    /// How a value reads in a finding.
    public func describe(_ bucketSeconds: Int) -> String {
        switch self {
        case .requests: "requests per \(bucketSeconds) s"
        case .distinctClients: "distinct clients per minute\(bucketSeconds > 60 ? " (peak over \(bucketSeconds) s)" : "")"
        case .busiestClient: "requests of the busiest client per minute\(bucketSeconds > 60 ? " (peak over \(bucketSeconds) s)" : "")"
        case .errors4xx: "share of 4xx answers over \(bucketSeconds) s"
        case .errors5xx: "share of 5xx answers over \(bucketSeconds) s"
        case .bytes: "bytes sent per \(bucketSeconds) s"
        case .pathsPerClient: "most distinct paths of one client per minute\(bucketSeconds > 60 ? " (peak over \(bucketSeconds) s)" : "")"
        }
    }
}
