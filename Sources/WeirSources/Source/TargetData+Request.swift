import WeirCore
import WeirModel

extension TargetData {
    /// The source as a user sends it in `POST /tasks` or `PATCH /tasks/{id}`: an OpenSearch
    /// `auth_password` is sealed with `vault`; left out, the `previous` source's one is kept. A
    /// file must be allowed by `policy` (inside `WEIR_SOURCE_DIRS`, a regular file).
    package init(request value: JSONValue, vault: PasswordVault?, previous: TargetData?, policy: SourcePolicy) throws(FieldErrors) {
        let object = try Self.object(value)
        switch object["type"]?.stringValue {
        case "file":
            let target = try Self.file(object)
            if case .file(let path, _) = target {
                var errors = FieldErrors()
                if let problem = policy.problem(with: path) { errors.add("target_data.path", problem) }
                do { _ = try FileGlob(path) } catch { errors.add("target_data.path", error.description) }
                try errors.throwIfAny()
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
        case "syslog":
            self = .syslog(try SyslogTarget(object))
        case let other:
            var errors = FieldErrors()
            errors.add(
                "target_data.type",
                other.map { "\"\($0)\" is not a source type; use \"file\", \"opensearch\" or \"syslog\"" }
                    ?? "is required: \"file\", \"opensearch\" or \"syslog\""
            )
            throw errors
        }
    }
}
