import WeirCore
import WeirDetect
import WeirLog
import WeirModel
import WeirRules
import WeirSources

/// Reads and validates the body of `POST /tasks` and `PATCH /tasks/{id}`, naming every invalid
/// field at once.
enum TaskPayload {
    static let fieldNames: Set<String> = [
        "name", "description", "task_frequency", "next_run_time", "is_active",
        "target_data", "properties", "detection", "notify", "block", "incident_quiet_seconds", "routes", "duration_buckets",
    ]
    /// `incident_quiet_seconds`: from a minute to thirty days.
    static let quietSeconds = 60...2_592_000

    /// The longest description, in Unicode scalars.
    static let descriptionLength = 4000
    /// `task_frequency`, in seconds: at least one a second, at least one a (leap) year.
    static let frequencySeconds = 1...31_622_400

    /// A new task from a create body; `now` is when the request arrived (a past time is invalid).
    static func create(
        _ body: JSONValue,
        now: Int64,
        vault: PasswordVault?,
        policy: SourcePolicy,
        channels: Set<Int64> = []
    ) throws(FieldErrors) -> MonitoringTask {
        var errors = FieldErrors()
        guard let object = body.objectValue else {
            errors.add("body", "must be a JSON object with the task's fields, got \(body.typeName)")
            throw errors
        }
        for required in ["name", "task_frequency", "next_run_time", "target_data", "properties"] where object[required] == nil {
            errors.add(required, "is required")
        }
        var task = MonitoringTask(
            name: "",
            description: "",
            frequency: 0,
            nextRunTime: 0,
            target: .file(path: "", format: "auto"),
            rules: TaskRules()
        )
        apply(object, to: &task, now: now, vault: vault, policy: policy, channels: channels, errors: &errors)
        try errors.throwIfAny()
        return task
    }

    /// A task changed by a patch body, revalidated whole.
    static func patch(
        _ body: JSONValue,
        onto existing: MonitoringTask,
        now: Int64,
        vault: PasswordVault?,
        policy: SourcePolicy,
        channels: Set<Int64> = []
    ) throws(FieldErrors) -> MonitoringTask {
        var errors = FieldErrors()
        guard let object = body.objectValue else {
            errors.add("body", "must be a JSON object with the fields to change, got \(body.typeName)")
            throw errors
        }
        var task = existing
        apply(object, to: &task, now: now, vault: vault, policy: policy, channels: channels, errors: &errors)
        try errors.throwIfAny()
        return task
    }

    /// `vault` seals an OpenSearch password (`nil` when the service has no `WEIR_SECRET`).
    private static func apply(
        _ object: [String: JSONValue],
        to task: inout MonitoringTask,
        now: Int64,
        vault: PasswordVault?,
        policy: SourcePolicy,
        channels: Set<Int64>,
        errors: inout FieldErrors
    ) {
        PayloadFields.refuseUnknown(object, fields: fieldNames, of: "task", &errors)
        if let v = object["name"], let name = PayloadFields.name(v, &errors) { task.name = name }
        if let v = object["description"] {
            if let s = v.stringValue, s.unicodeScalars.count <= descriptionLength {
                task.description = s
            } else if v != .null {
                errors.add("description", "must be a string of at most \(descriptionLength) characters, got \(describe(v, length: true))")
            }
        }
        if let v = object["task_frequency"] {
            if let n = v.integerValue, frequencySeconds.contains(n) {
                task.frequency = Int64(n)
            } else {
                let range = "\(frequencySeconds.lowerBound) to \(frequencySeconds.upperBound)"
                errors.add("task_frequency", "must be a whole number of seconds from \(range), got \(describe(v))")
            }
        }
        if let v = object["next_run_time"] {
            if let s = v.stringValue, let t = Timestamps.parseRFC3339(s) {
                if t < now {
                    errors.add("next_run_time", "\(s) is in the past; give a time after \(Timestamps.rfc3339(now))")
                } else {
                    task.nextRunTime = t
                }
            } else {
                errors.add("next_run_time", "must be an RFC 3339 time such as 2026-11-21T10:00:00Z, got \(describe(v))")
            }
        }
        if let v = object["is_active"] {
            if let b = v.boolValue { task.isActive = b } else { errors.add("is_active", "must be a boolean, got \(v.typeName)") }
        }
        if let v = object["target_data"] {
            do {
                task.target = try TargetData(request: v, vault: vault, previous: task.target, policy: policy)
            } catch { errors.merge(error) }
        }
        if let v = object["properties"] {
            do {
                task.rules = try TaskRules(properties: v)
            } catch { errors.merge(error) }
        }
        if let v = object["detection"] {
            do {
                task.detection = try TaskDetection(json: v)
            } catch { errors.merge(error) }
        }
        if let v = object["notify"] { applyNotify(v, to: &task, channels: channels, errors: &errors) }
        if let v = object["block"] {
            if let b = v.boolValue { task.block = b } else { errors.add("block", "must be a boolean, got \(v.typeName)") }
        }
        if let v = object["incident_quiet_seconds"] {
            if v == .null {
                task.incidentQuietSeconds = nil
            } else if let n = v.integerValue, quietSeconds.contains(n) {
                task.incidentQuietSeconds = Int64(n)
            } else {
                let range = "\(quietSeconds.lowerBound) to \(quietSeconds.upperBound)"
                errors.add("incident_quiet_seconds", "must be a whole number of seconds from \(range), or null for the default, got \(describe(v))")
            }
        }
        task.trafficMetrics.apply(routes: object["routes"], durationBuckets: object["duration_buckets"], &errors)
    }

    /// `notify`: `{"channels": [ids], "rules": [names]}`, every channel existing, every rule a
    /// rule (or `anomaly`); `rules` left out means all; `null` notifies no one.
    static func applyNotify(_ v: JSONValue, to task: inout MonitoringTask, channels: Set<Int64>, errors: inout FieldErrors) {
        if v == .null {
            task.notifyChannels = []
            task.notifyRules = nil
            return
        }
        guard let object = v.objectValue else {
            errors.add("notify", "must be an object such as {\"channels\": [1], \"rules\": [\"anomaly\"]}, got \(v.typeName)")
            return
        }
        for key in object.keys where key != "channels" && key != "rules" {
            errors.add("notify.\(key)", "is not a notify field; the fields are channels and rules")
        }
        var ids: [Int64] = []
        if let list = object["channels"]?.arrayValue, list.count <= 20 {
            for item in list {
                guard let n = item.integerValue, n > 0 else {
                    errors.add("notify.channels", "must be an array of channel ids (positive integers), got \(describe(item))")
                    break
                }
                guard channels.contains(Int64(n)) else {
                    errors.add("notify.channels", "there is no channel \(n); POST /channels creates one, GET /channels lists them")
                    break
                }
                if !ids.contains(Int64(n)) { ids.append(Int64(n)) }
            }
        } else {
            errors.add("notify.channels", "is required: an array of at most 20 channel ids")
        }
        var rules: Set<String>?
        if let list = object["rules"], list != .null {
            guard let items = list.arrayValue, !items.isEmpty else {
                errors.add("notify.rules", "must be a non-empty array of rule names, or left out for every rule")
                return
            }
            var names = Set<String>()
            for item in items {
                guard let name = item.stringValue, FindingRuleNames.all.contains(name) else {
                    errors.add("notify.rules", "\(describe(item)) is not a rule; use \(FindingRuleNames.all.joined(separator: ", "))")
                    return
                }
                names.insert(name)
            }
            rules = names
        }
        task.notifyChannels = ids
        task.notifyRules = rules
    }

    /// `v` as a message quotes it; a long string by its length only.
    static func describe(_ v: JSONValue, length: Bool = false) -> String {
        switch v {
        case .string(let s) where length: "a string of \(s.unicodeScalars.count) characters"
        case .string(let s): "\"\(s)\""
        case .number(let n): DecimalText.trimmed(n, places: 6)
        default: v.typeName
        }
    }
}
