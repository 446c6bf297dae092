import WeirLog
import WeirRules
import WeirStore

/// The JSON shapes the API answers with (snake_case keys, RFC 3339 times).
struct TaskResponse: Encodable {
    let id: Int64
    let name: String
    let description: String
    let task_frequency: Int64
    let next_run_time: String
    let is_active: Bool
    let target_data: JSONValue
    let properties: JSONValue
    let detection: JSONValue?
    let created_at: String
    let updated_at: String

    init(_ t: MonitoringTask) {
        id = t.id
        name = t.name
        description = t.description
        task_frequency = t.frequency
        next_run_time = Timestamps.rfc3339(t.nextRunTime)
        is_active = t.isActive
        target_data = TargetData.publicJSON(t.targetData)
        properties = t.properties
        detection = t.detection
        created_at = Timestamps.rfc3339(t.createdAt)
        updated_at = Timestamps.rfc3339(t.updatedAt)
    }
}

struct RunResponse: Encodable {
    let id: Int64
    let task_id: Int64
    let trigger: String
    let status: String
    let started_at: String
    let finished_at: String?
    let error: String?
    let lines_read: Int64
    let malformed_lines: Int64
    let bytes_read: Int64
    let findings: Int64
    let notes: [String]
    let instance: String?

    init(_ r: RunRecord) {
        id = r.id
        task_id = r.taskID
        trigger = r.trigger.rawValue
        status = r.status.rawValue
        started_at = Timestamps.rfc3339(r.startedAt)
        finished_at = r.finishedAt.map(Timestamps.rfc3339)
        error = r.error
        lines_read = r.linesRead
        malformed_lines = r.malformedLines
        bytes_read = r.bytesRead
        findings = r.findingCount
        instance = r.instance
        notes = r.notes
    }
}

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
    }
}

struct RunAccepted: Encodable {
    let run_id: Int64
    let task_id: Int64
    let status: String
}

struct HealthResponse: Encodable {
    let status: String
    let database: String
    let version: String
}
