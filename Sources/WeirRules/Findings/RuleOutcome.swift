import WeirLog

/// What the rules made of one run's records.
public struct RuleOutcome: Sendable, Equatable {
    public var findings: [RuleFinding]
    /// Rules that could not apply to this source, and why.
    public var notes: [String]
    /// The rate windows as the run leaves them, for the next run.
    public var carried: CarriedRuleState? = nil
    /// The ``RuleFinding/burstKey`` of each finding that goes on with a burst an earlier run
    /// reported (its finding is to be extended, not added).
    public var continued: Set<String> = []
}
