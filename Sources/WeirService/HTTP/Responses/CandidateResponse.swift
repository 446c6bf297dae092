import WeirDetect
import WeirLog
import WeirModel
import WeirRules

struct CandidateResponse: Encodable {
    let method: MethodResponse
    let caught: Int
    let injected: Int
    let median_delay: Double?
    let false_alarms_per_1000: Double
    let history_false_alarms_per_1000: Double?
    let utility: Double

    init(_ c: CandidateResult) {
        method = MethodResponse(c.choice)
        caught = c.caught
        injected = c.anomalies
        median_delay = c.medianDelay
        false_alarms_per_1000 = c.falseAlarmsPerThousand
        history_false_alarms_per_1000 = c.historyFalseAlarmsPerThousand
        utility = c.utility
    }
}
