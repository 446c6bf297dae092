/// One of NAB's cost profiles (`config/profiles.json`): what a detection inside a window earns,
/// what a missed window and a detection outside every window cost.
public struct NABCostProfile: Sendable, Equatable {
    public let name: String
    public let truePositive: Double
    public let falsePositive: Double
    public let falseNegative: Double

    public init(name: String, truePositive: Double, falsePositive: Double, falseNegative: Double) {
        self.name = name
        self.truePositive = truePositive
        self.falsePositive = falsePositive
        self.falseNegative = falseNegative
    }

    /// NAB's three published profiles, as its `config/profiles.json` sets them.
    public static let published = [
        NABCostProfile(name: "standard", truePositive: 1, falsePositive: 0.11, falseNegative: 1),
        NABCostProfile(name: "reward_low_FP_rate", truePositive: 1, falsePositive: 0.22, falseNegative: 1),
        NABCostProfile(name: "reward_low_FN_rate", truePositive: 1, falsePositive: 0.11, falseNegative: 2),
    ]
}
