/// One candidate the expert system compared, with how it did on the injected anomalies.
public struct CandidateResult: Sendable, Codable, Equatable {
    public var choice: MethodChoice
    public var caught: Int
    public var anomalies: Int
    public var medianDelay: Double?
    /// False alarms per 1,000 points on the copies with anomalies injected.
    public var falseAlarmsPerThousand: Double
    /// False alarms per 1,000 points on the history as it is: alarms most candidates do not
    /// share (``HistoryConsensus``; nil in models chosen before it was measured).
    public var historyFalseAlarmsPerThousand: Double?
    public var utility: Double

    /// `trials`: the candidate on the copies with anomalies injected; `history`: on the history as
    /// it is. The utility is the trials' NAB reward per anomaly less the cost of both kinds of
    /// false alarm (``EventScore/falseAlarmCost(pointsPerAnomaly:)``).
    init(_ choice: MethodChoice, trials: EventScore, history: EventScore, pointsPerAnomaly: Double) {
        self.choice = choice
        caught = trials.caught
        anomalies = trials.anomalies
        medianDelay = trials.delays.isEmpty ? nil : trials.medianDelay
        falseAlarmsPerThousand = trials.falseAlarmsPerThousand
        historyFalseAlarmsPerThousand = history.falseAlarmsPerThousand
        utility = trials.utility(pointsPerAnomaly: pointsPerAnomaly) - history.falseAlarmCost(pointsPerAnomaly: pointsPerAnomaly)
    }

    var summary: String {
        let delay = medianDelay.map { "median delay \(Int($0)) points" } ?? "no delay measured"
        return
            "\(choice) caught \(caught)/\(anomalies), \(delay), \(Self.round(falseAlarmsPerThousand)) false alarms per 1000 points\(onHistory), utility \(Self.round(utility))"
    }

    private var onHistory: String {
        historyFalseAlarmsPerThousand.map { " (\(Self.round($0)) on the history itself)" } ?? ""
    }

    static func round(_ v: Double) -> String { String((v * 100).rounded() / 100) }
}
