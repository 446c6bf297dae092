/// The rules a task may set in its `properties`, under the names users of the original API know.
public enum RuleName: String, Sendable, CaseIterable, Codable {
    case blackIPAddress = "black_ip_address"
    case averageRequestsPerTimeInterval = "average_requests_per_time_interval"
    case averageRequestsPerClientPerTimeInterval = "average_requests_per_client_per_time_interval"
    case isHTTPRequestsAccepted = "is_http_requests_accepted"
    case acceptedURLs = "accepted_urls"
}
