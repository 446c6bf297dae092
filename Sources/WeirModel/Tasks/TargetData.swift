import WeirCore
import WeirLog

/// A task's data source, validated: a local access-log file, an OpenSearch index, or syslog
/// messages Weir receives.
public enum TargetData: Sendable, Equatable {
    case file(path: String, format: String)
    case openSearch(OpenSearchTarget)
    case syslog(SyslogTarget)

    /// The source as stored (an OpenSearch password is sealed).
    public init(stored value: JSONValue) throws(FieldErrors) {
        let object = try Self.object(value)
        if object["type"]?.stringValue == "opensearch" {
            self = .openSearch(try OpenSearchTarget(stored: object))
        } else if object["type"]?.stringValue == "syslog" {
            self = .syslog(try SyslogTarget(object))
        } else {
            self = try Self.file(object)
        }
    }

    /// The stored form (an OpenSearch password sealed).
    public var json: JSONValue {
        switch self {
        case .file(let path, let format): .object(["type": .string("file"), "path": .string(path), "format": .string(format)])
        case .openSearch(let target): target.storedJSON
        case .syslog(let target): target.json
        }
    }

    /// What the API shows: an OpenSearch password only as `"auth_password_set": true`.
    public var publicJSON: JSONValue {
        switch self {
        case .file, .syslog: json
        case .openSearch(let target): target.publicJSON
        }
    }

    package static func object(_ value: JSONValue) throws(FieldErrors) -> [String: JSONValue] {
        guard let object = value.objectValue else {
            var errors = FieldErrors()
            errors.add("target_data", "must be an object such as {\"type\":\"file\",\"path\":\"/var/log/nginx/access.log\",\"format\":\"combined\"}")
            throw errors
        }
        return object
    }

    package static func file(_ object: [String: JSONValue]) throws(FieldErrors) -> TargetData {
        var errors = FieldErrors()
        for key in object.keys where !["type", "path", "format"].contains(key) {
            errors.add("target_data.\(key)", "is not a field of a file source; use path and format")
        }
        let path = object["path"]?.stringValue ?? ""
        if !path.hasPrefix("/") { errors.add("target_data.path", "must be the log file's absolute path") }
        let format = object["format"]?.stringValue ?? "auto"
        if object["format"] != nil, object["format"]?.stringValue == nil {
            errors.add("target_data.format", "must be a string")
        } else if format != "auto" {
            do { _ = try LogFormat.parse(format) } catch { errors.add("target_data.format", error.description) }
        }
        try errors.throwIfAny()
        return .file(path: path, format: format)
    }
}
