import WeirDetect
import WeirLog
import WeirModel
import WeirRules

/// `anomaly` in a finding: the observed value against the expected range.
struct AnomalyResponse: Encodable {
    let feature: String
    let bucket_seconds: Int
    let observed: Double
    let expected_low: Double
    let expected_high: Double
    let score: Double
    let method: String

    init(_ a: AnomalyDetail) {
        feature = a.feature
        bucket_seconds = a.bucketSeconds
        observed = a.observed
        expected_low = a.expectedLow
        expected_high = a.expectedHigh
        score = a.score
        method = a.method
    }
}
