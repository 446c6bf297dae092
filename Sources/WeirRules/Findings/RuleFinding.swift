import WeirCore
import WeirLog

/// Something a rule found in a run's records: one burst over a rate limit, or one client's
/// requests that broke a list rule.
public struct RuleFinding: Sendable, Equatable, Codable {
    /// The rule's name (`black_ip_address`, …, or `anomaly`).
    public var rule: String
    /// The client concerned; `nil` for rules over all traffic.
    public var client: String?
    /// Unix seconds of the first and last request concerned.
    public var first: Int64
    public var last: Int64
    /// For rate rules, the highest count in one window; otherwise the number of requests.
    public var peak: Int
    /// The window length in seconds, for rate rules.
    public var windowSeconds: Int?
    /// The limit exceeded, for rate rules.
    public var limit: Int?
    /// A sentence for people.
    public var message: String
    /// A few examples: the paths requested, the range matched.
    public var examples: [String]
    /// For `anomaly` findings: what was observed against what was expected.
    public var anomaly: AnomalyDetail?

    public init(
        rule: String,
        client: String?,
        first: Int64,
        last: Int64,
        peak: Int,
        windowSeconds: Int? = nil,
        limit: Int? = nil,
        message: String,
        examples: [String] = [],
        anomaly: AnomalyDetail? = nil
    ) {
        self.anomaly = anomaly
        self.rule = rule
        self.client = client
        self.first = first
        self.last = last
        self.peak = peak
        self.windowSeconds = windowSeconds
        self.limit = limit
        self.message = message
        self.examples = examples
    }
}

extension RuleFinding {
    /// A finding for one burst over a rate limit; `client` is `nil` for the overall rule.
    public static func burst(client: String?, first: Int64, last: Int64, peak: Int, limit: WindowLimit) -> RuleFinding {
        let rule = client == nil ? RuleName.averageRequestsPerTimeInterval : .averageRequestsPerClientPerTimeInterval
        let who = client.map { "client \($0) made" } ?? "the site received"
        return RuleFinding(
            rule: rule.rawValue,
            client: client,
            first: first,
            last: last,
            peak: peak,
            windowSeconds: limit.seconds,
            limit: limit.max,
            message:
                "\(who) up to \(peak) requests in \(limit.seconds) s (limit \(limit.max)) between \(Timestamps.rfc3339(first)) and \(Timestamps.rfc3339(last))"
        )
    }

    /// What identifies a rate finding's burst, or an anomaly, across runs: rule, client (or the
    /// anomaly's feature), window, limit, start.
    public var burstKey: String {
        "\(rule)|\(client ?? anomaly?.feature ?? "")|\(windowSeconds ?? 0)|\(limit ?? 0)|\(first)"
    }

    /// Whether `later`, found by a later run, continues this burst: the same rate rule, client and
    /// limit, with windows that overlap.
    public func isContinued(by later: RuleFinding) -> Bool {
        guard let window = windowSeconds, let limit, later.windowSeconds == window, later.limit == limit,
            later.rule == rule, later.client == client
        else { return false }
        return later.first - last < Int64(window)
    }

    /// This burst extended by its continuation.
    public func merged(with later: RuleFinding) -> RuleFinding {
        .burst(
            client: client,
            first: min(first, later.first),
            last: max(last, later.last),
            peak: max(peak, later.peak),
            limit: WindowLimit(seconds: windowSeconds ?? 0, max: limit ?? 0)
        )
    }
}
