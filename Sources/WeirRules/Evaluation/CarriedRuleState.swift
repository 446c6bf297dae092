/// What a task's rate rules carry from one run to the next, committed with the source's
/// checkpoint, so that where one run stopped never changes what the windows count: the overall
/// windows, and the windows of every client still active within its window length.
public struct CarriedRuleState: Sendable, Equatable, Codable {
    /// The rate limits the windows belong to (``TaskRules`` may change between runs; then the
    /// state does not apply and the windows start empty).
    public var limits: String
    public var overall: [WindowState]
    /// Per client, one window per per-client limit.
    public var clients: [String: [WindowState]]

    /// How far out of time order lines may be for the windows to stay exact across runs.
    public static let disorderSeconds: Int64 = 300

    public init(limits: String, overall: [WindowState] = [], clients: [String: [WindowState]] = [:]) {
        self.limits = limits
        self.overall = overall
        self.clients = clients
    }

    /// The signature of a task's rate limits, overall and per client.
    public static func limits(of rules: TaskRules) -> String {
        let overall = rules.requestLimits.map { "\($0.seconds):\($0.max)" }.joined(separator: ",")
        let perClient = rules.clientRequestLimits.map { "\($0.seconds):\($0.max)" }.joined(separator: ",")
        return "o[\(overall)]c[\(perClient)]"
    }
}
