import WeirDetect
import WeirRules

/// What a task's run leaves for the next one, committed with the source's checkpoint (in
/// `checkpoints.rule_state`): the rate windows (``CarriedRuleState``) and, when detection is on,
/// the minutes still open (``CarriedMinutes``).
struct CarriedRunState: Sendable, Equatable, Codable {
    var rules: CarriedRuleState?
    var minutes: CarriedMinutes?
}
