import WeirLog
import WeirModel
import WeirRules

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
