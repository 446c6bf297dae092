import WeirLog
import WeirModel

struct IncidentResponse: Encodable {
    let id: Int64
    let task_id: Int64
    let rule: String
    let key: String
    let state: String
    let opened_at: String
    let last_seen: String
    let resolved_at: String?
    let peak: Int64
    let findings: Int64
    let summary: String

    init(_ i: Incident) {
        id = i.id
        task_id = i.taskID
        rule = i.rule
        key = i.key
        state = i.state.rawValue
        opened_at = Timestamps.rfc3339(i.openedAt)
        last_seen = Timestamps.rfc3339(i.lastSeen)
        resolved_at = i.resolvedAt.map(Timestamps.rfc3339)
        peak = i.peak
        findings = i.findings
        summary = i.summary
    }
}

/// `GET /incidents/{id}`: the incident and its latest findings.
struct IncidentDetailResponse: Encodable {
    let incident: IncidentResponse
    let findings: [FindingResponse]
}
