import WeirCore
import WeirDetect
import WeirLog
import WeirRules
import WeirSources
import WeirStore

/// Reads and validates the body of `POST /tasks` and `PATCH /tasks/{id}`, naming every invalid
/// field at once.
enum TaskPayload {
    static let fieldNames: Set<String> = [
        "name", "description", "task_frequency", "next_run_time", "is_active",
        "target_data", "properties", "detection",
    ]

    /// The length of a name, in Unicode scalars (as JSON Schema counts), after which it is refused.
    static let nameLength = 1...200
    /// The longest description, in Unicode scalars.
    static let descriptionLength = 4000
    /// `task_frequency`, in seconds: at least one a second, at least one a (leap) year.
    static let frequencySeconds = 1...31_622_400

    /// A new task from a create body; `now` is when the request arrived (a past time is invalid).
    static func create(_ body: JSONValue, now: Int64, vault: PasswordVault?, policy: SourcePolicy) throws(FieldErrors) -> MonitoringTask {
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
        apply(object, to: &task, now: now, vault: vault, policy: policy, errors: &errors)
        try errors.throwIfAny()
        return task
    }

    /// A task changed by a patch body, revalidated whole.
    static func patch(
        _ body: JSONValue,
        onto existing: MonitoringTask,
        now: Int64,
        vault: PasswordVault?,
        policy: SourcePolicy
    ) throws(FieldErrors) -> MonitoringTask {
        var errors = FieldErrors()
        guard let object = body.objectValue else {
            errors.add("body", "must be a JSON object with the fields to change, got \(body.typeName)")
            throw errors
        }
        var task = existing
        apply(object, to: &task, now: now, vault: vault, policy: policy, errors: &errors)
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
        errors: inout FieldErrors
    ) {
        for key in object.keys where !fieldNames.contains(key) {
            errors.add(key, "is not a task field; the fields are \(fieldNames.sorted().joined(separator: ", "))")
        }
        if let v = object["name"] {
            if let s = v.stringValue, !s.allSatisfy(\.isWhitespace), nameLength.contains(s.unicodeScalars.count) {
                task.name = s
            } else {
                errors.add("name", "must be a string of 1 to \(nameLength.upperBound) characters, not only spaces")
            }
        }
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
