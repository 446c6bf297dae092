import WeirRules

/// The `rule` of a finding: one of the task rules, or `anomaly` for what detection found.
enum FindingRuleNames {
    static let anomaly = "anomaly"
    static let all = RuleName.allCases.map(\.rawValue) + [anomaly]
}
