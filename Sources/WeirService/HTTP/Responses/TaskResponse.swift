import WeirCore
import WeirLog
import WeirModel
import WeirRules
import WeirSources

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
    let notify: JSONValue
    let block: Bool
    let incident_quiet_seconds: Int64
    let routes: [String]
    let duration_buckets: [Double]
    let created_at: String
    let updated_at: String

    init(_ t: MonitoringTask) {
        id = t.id
        name = t.name
        description = t.description
        task_frequency = t.frequency
        next_run_time = Timestamps.rfc3339(t.nextRunTime)
        is_active = t.isActive
        target_data = t.target.publicJSON
        properties = t.rules.properties
        detection = t.detection.json
        var notify: [String: JSONValue] = ["channels": .array(t.notifyChannels.map { .number(Double($0)) })]
        notify["rules"] = t.notifyRules.map { .array($0.sorted().map(JSONValue.string)) } ?? .null
        self.notify = .object(notify)
        block = t.block
        incident_quiet_seconds = t.incidentPolicy.quietSeconds
        routes = t.trafficMetrics.routes.map(\.description)
        duration_buckets = t.trafficMetrics.bucketBounds
        created_at = Timestamps.rfc3339(t.createdAt)
        updated_at = Timestamps.rfc3339(t.updatedAt)
    }
}
