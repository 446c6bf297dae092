import WeirCore
import WeirLog
import WeirRules

/// A task's data source, validated: a local access-log file, or an OpenSearch index.
public enum TargetData: Sendable, Equatable {
    case file(path: String, format: String)
    case openSearch(OpenSearchTarget)

    /// The source as a user sends it in `POST /tasks` or `PATCH /tasks/{id}`: an OpenSearch
    /// `auth_password` is sealed with `vault`; left out, the `previous` source's one is kept. A
    /// file must be allowed by `policy` (inside `WEIR_SOURCE_DIRS`, a regular file).
    package init(request value: JSONValue, vault: PasswordVault?, previous: TargetData?, policy: SourcePolicy) throws(FieldErrors) {
        let object = try Self.object(value)
        switch object["type"]?.stringValue {
        case "file":
            let target = try Self.file(object)
            if case .file(let path, _) = target, let problem = policy.problem(with: path) {
                var errors = FieldErrors()
                errors.add("target_data.path", problem)
                throw errors
            }
            self = target
        case "opensearch":
            var previousTarget: OpenSearchTarget?
            if case .openSearch(let p) = previous { previousTarget = p }
            let target = try OpenSearchTarget(request: object, vault: vault, previous: previousTarget)
            if let problem = policy.problem(withHost: target.host, port: target.port) {
                var errors = FieldErrors()
                errors.add("target_data.host", problem)
                throw errors
            }
            self = .openSearch(target)
        case let other:
            var errors = FieldErrors()
            errors.add(
                "target_data.type",
                other.map { "\"\($0)\" is not a source type; use \"file\" or \"opensearch\"" }
                    ?? "is required: \"file\" or \"opensearch\""
            )
            throw errors
        }
    }

    /// The source as stored (an OpenSearch password is sealed).
    public init(stored value: JSONValue) throws(FieldErrors) {
        let object = try Self.object(value)
        if object["type"]?.stringValue == "opensearch" {
            self = .openSearch(try OpenSearchTarget(stored: object))
        } else {
            self = try Self.file(object)
        }
    }

    /// The stored form (an OpenSearch password sealed).
    public var json: JSONValue {
        switch self {
        case .file(let path, let format): .object(["type": .string("file"), "path": .string(path), "format": .string(format)])
        case .openSearch(let target): target.storedJSON
        }
    }

    /// What the API shows: an OpenSearch password only as `"auth_password_set": true`.
    public var publicJSON: JSONValue {
        switch self {
        case .file: json
        case .openSearch(let target): target.publicJSON
        }
    }

    private static func object(_ value: JSONValue) throws(FieldErrors) -> [String: JSONValue] {
        guard let object = value.objectValue else {
            var errors = FieldErrors()
            errors.add("target_data", "must be an object such as {\"type\":\"file\",\"path\":\"/var/log/nginx/access.log\",\"format\":\"combined\"}")
            throw errors
        }
        return object
    }

    private static func file(_ object: [String: JSONValue]) throws(FieldErrors) -> TargetData {
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
