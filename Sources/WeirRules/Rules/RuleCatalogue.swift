/// The catalogue of rules, seeded into the database by `weir setup-db`.
public enum RuleCatalogue {
    public static let all: [RuleDescription] = [
        RuleDescription(
            name: RuleName.blackIPAddress.rawValue,
            description:
                "A finding for every client whose address is on this list: single IPv4 or IPv6 addresses, or CIDR ranges such as 192.0.2.0/24 and 2001:db8::/32.",
            valueType: "array of strings (addresses or CIDR ranges)",
            example: .array([.string("192.0.2.0/24"), .string("2001:db8:bad::/48"), .string("198.51.100.23")])
        ),
        RuleDescription(
            name: RuleName.averageRequestsPerTimeInterval.rawValue,
            description:
                "A finding for each burst in which more than `max` requests fall in some window of the given number of seconds, over all clients. One burst (overlapping windows) is one finding, with its peak count.",
            valueType: "object: window length in seconds (a string key) to the maximum number of requests",
            example: .object(["60": .number(600), "3600": .number(20000)])
        ),
        RuleDescription(
            name: RuleName.averageRequestsPerClientPerTimeInterval.rawValue,
            description: "As average_requests_per_time_interval, counted for each client separately: a finding for each burst of one client.",
            valueType: "object: window length in seconds (a string key) to the maximum number of requests",
            example: .object(["10": .number(50), "60": .number(200)])
        ),
        RuleDescription(
            name: RuleName.isHTTPRequestsAccepted.rawValue,
            description:
                "When false, a finding for each client that made requests over plain HTTP. Needs a scheme (or a port) in the source; otherwise the run notes that the rule cannot apply.",
            valueType: "boolean",
            example: .bool(false)
        ),
        RuleDescription(
            name: RuleName.acceptedURLs.rawValue,
            description:
                "A finding for each client that requested paths matching none of these patterns. `*` matches within one path segment, `**` across segments; the query string is ignored.",
            valueType: "array of strings (path patterns)",
            example: .array([.string("/"), .string("/static/**"), .string("/api/v1/*/items")])
        ),
    ]

    /// The catalogue entry named `name`.
    public static func entry(named name: String) -> RuleDescription? {
        all.first { $0.name == name }
    }
}
