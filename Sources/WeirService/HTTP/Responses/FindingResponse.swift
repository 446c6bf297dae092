import WeirLog
import WeirModel
import WeirRules

struct FindingResponse: Encodable {
    let id: Int64
    let task_id: Int64
    let run_id: Int64
    let rule: String
    let client: String?
    let first_seen: String
    let last_seen: String
    let peak: Int
    let window_seconds: Int?
    let limit: Int?
    let message: String
    let examples: [String]
    let anomaly: AnomalyResponse?
    let created_at: String
    let incident_id: Int64?

    init(_ r: FindingRecord) {
        anomaly = r.finding.anomaly.map(AnomalyResponse.init)
        id = r.id
        task_id = r.taskID
        run_id = r.runID
        rule = r.finding.rule
        client = r.finding.client
        first_seen = Timestamps.rfc3339(r.finding.first)
        last_seen = Timestamps.rfc3339(r.finding.last)
        peak = r.finding.peak
        window_seconds = r.finding.windowSeconds
        limit = r.finding.limit
        message = r.finding.message
        examples = r.finding.examples
        created_at = Timestamps.rfc3339(r.createdAt)
        incident_id = r.incidentID
    }
}
