import Foundation

/// One of NAB's cost profiles (`config/profiles.json`): what a detection inside a window earns,
/// what a missed window and a detection outside every window cost. The expert system's objective
/// (``EventScore/utility(pointsPerAnomaly:)``) and the NAB scorer of `weir detect-eval --nab` both weigh with it.
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

    public static let standard = NABCostProfile(name: "standard", truePositive: 1, falsePositive: 0.11, falseNegative: 1)

    /// NAB's three published profiles, as its `config/profiles.json` sets them.
    public static let published = [
        standard,
        NABCostProfile(name: "reward_low_FP_rate", truePositive: 1, falsePositive: 0.22, falseNegative: 1),
        NABCostProfile(name: "reward_low_FN_rate", truePositive: 1, falsePositive: 0.11, falseNegative: 2),
    ]

    /// NAB's scaled sigmoid of a position relative to a window: about 1 at -1 (the window's
    /// start), 0 at its end, falling to -1 past 3 window widths after it.
    public static func scaledSigmoid(_ position: Double) -> Double {
        position > 3 ? -1 : 2 / (1 + exp(5 * position)) - 1
    }

    /// What a first detection at `position` in its window earns: the true-positive weight at
    /// the window's start (-1), less later.
    public func truePositiveWeight(at position: Double) -> Double {
        Self.scaledSigmoid(position) * truePositive / Self.scaledSigmoid(-1)
    }
}
