import WeirCore
import WeirModel
import WeirSources

/// The task form (new, or the edit form of a task page): the values shown, and the API's
/// field errors placed beside the form's fields.
public struct TaskFormView: Sendable {
    public let action: String
    public let isNew: Bool
    public let submitLabel: String
    public var name = ""
    public var description = ""
    public var path = ""
    public var format = "auto"
    public var frequency = "60"
    public var rules = "{}"
    public var active = true
    /// Messages by form field: `name`, `description`, `path`, `format`, `frequency`, `rules`, `active`.
    public var errors: [String: String] = [:]
    /// Errors of no field of the form.
    public var general: String?
    public let formats = TaskText.formatNames

    init(action: String, isNew: Bool) {
        self.action = action
        self.isNew = isNew
        submitLabel = isNew ? "Create task" : "Save"
    }

    /// An empty form for a new task.
    public static func blank() -> TaskFormView { TaskFormView(action: "/ui/tasks", isNew: true) }

    /// The edit form of `task`, filled with its values.
    public static func editing(_ task: MonitoringTask) -> TaskFormView {
        var form = TaskFormView(action: "/ui/tasks/\(task.id)", isNew: false)
        form.name = task.name
        form.description = task.description
        if case .file(let path, let format) = task.target {
            form.path = path
            form.format = format
        }
        form.frequency = "\(task.frequency)"
        form.active = task.isActive
        return form
    }

    /// The form's fields keyed by the API's field names: `target_data.path` is the path field,
    /// `properties.…` the rules field; the rest are shown above the form.
    public mutating func show(_ fieldErrors: FieldErrors) {
        let placed = FormErrors(fieldErrors, field: Self.formField(of:), apiName: Self.apiName(of:))
        errors = placed.byField
        general = placed.general
    }

    static func formField(of apiField: String) -> String? {
        switch apiField {
        case "name", "description": apiField
        case "task_frequency": "frequency"
        case "is_active": "active"
        case "target_data.format": "format"
        case "target_data", "target_data.path", "target_data.type": "path"
        case let key where key == "properties" || key.hasPrefix("properties."): "rules"
        default: nil
        }
    }

    static func apiName(of field: String) -> String {
        switch field {
        case "frequency": "task_frequency"
        case "active": "is_active"
        case "format": "target_data.format"
        case "path": "target_data.path"
        case "rules": "properties"
        default: field
        }
    }
}
