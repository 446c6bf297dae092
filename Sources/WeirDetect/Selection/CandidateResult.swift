import WeirGenerator

/// One candidate the expert system compared, with how it did on the injected anomalies.
public struct CandidateResult: Sendable, Codable, Equatable {
    public var choice: MethodChoice
    public var caught: Int
    public var anomalies: Int
    public var medianDelay: Double?
    public var falseAlarmsPerThousand: Double
    public var utility: Double

    init(_ choice: MethodChoice, _ score: EventScore, pointsPerAnomaly: Double) {
        self.choice = choice
        caught = score.caught
        anomalies = score.anomalies
        medianDelay = score.delays.isEmpty ? nil : score.medianDelay
        falseAlarmsPerThousand = score.falseAlarmsPerThousand
        utility = score.utility(pointsPerAnomaly: pointsPerAnomaly)
    }

    var summary: String {
        let delay = medianDelay.map { "median delay \(Int($0)) points" } ?? "no delay measured"
        return
            "\(choice) caught \(caught)/\(anomalies), \(delay), \(Self.round(falseAlarmsPerThousand)) false alarms per 1000 points, utility \(Self.round(utility))"
    }

    static func round(_ v: Double) -> String { String((v * 100).rounded() / 100) }
}
