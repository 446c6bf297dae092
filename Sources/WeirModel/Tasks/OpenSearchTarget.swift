import WeirCore
import WeirLog

/// An OpenSearch (or Elasticsearch) index of parsed access logs, as a task's source:
/// `{"type":"opensearch","host":"search.example.com","port":9200,"is_using_ssl":true,
/// "auth_user_name":"weir","auth_password":"…","indice":"nginx-*"}`, with optional `fields`
/// (document field names, by the default names they replace), `page_size` and `tls_ca_file`.
public struct OpenSearchTarget: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var usesTLS: Bool
    package var user: String?
    /// The password sealed by ``PasswordVault`` (never the password itself).
    package var sealedPassword: String?
    package var index: String
    /// Document field names by the default name they replace (`"@timestamp": "ts"`).
    package var fields: [String: String]
    package var pageSize: Int
    /// A PEM file of the certificate authorities to trust instead of the system's (a cluster
    /// with its own CA, as OpenSearch's security plugin sets up by default).
    package var caFile: String?

    /// The default document field names, and the Weir field each one fills.
    package static let defaultFields: [(name: String, weirField: String)] = [
        ("@timestamp", "time"), ("remote", "client"), ("path", "target"), ("scheme", "scheme"), ("method", "method"),
        ("code", "status"), ("size", "bytes"), ("agent", "user_agent"), ("referrer", "referrer"), ("host", "host"),
    ]
    /// The sort tiebreaker between documents of one timestamp (renamable as `fields.tiebreaker`).
    package static let defaultTiebreaker = "_id"
    package static let requestKeys: Set<String> = [
        "type", "host", "port", "is_using_ssl", "auth_user_name", "auth_password", "indice",
        "fields", "page_size", "tls_ca_file",
    ]

    /// The document field that holds `name` (a default name, or `tiebreaker`).
    package func field(_ name: String) -> String {
        fields[name] ?? (name == "tiebreaker" ? Self.defaultTiebreaker : name)
    }

    /// How documents' fields map to Weir's, for the JSON-lines parser.
    package var logFormat: LogFormat {
        let spec = Self.defaultFields.map { "\($0.weirField)=\(field($0.name))" }.joined(separator: ",")
        return (try? LogFormat.parse("json:" + spec)) ?? .json
    }

    package var baseURL: String { "\(usesTLS ? "https" : "http")://\(host):\(port)" }

    // MARK: reading and writing

    package init(stored object: [String: JSONValue]) throws(FieldErrors) {
        var errors = FieldErrors()
        self = Self.common(object, errors: &errors)
        sealedPassword = object["auth_password_encrypted"]?.stringValue
        try errors.throwIfAny()
    }

    package init(
        host: String,
        port: Int,
        usesTLS: Bool,
        user: String?,
        index: String,
        fields: [String: String],
        pageSize: Int,
        caFile: String?
    ) {
        self.caFile = caFile
        self.host = host
        self.port = port
        self.usesTLS = usesTLS
        self.user = user
        self.index = index
        self.fields = fields
        self.pageSize = pageSize
    }

    /// The fields stored and sent alike, validated.
    package static func common(_ object: [String: JSONValue], errors: inout FieldErrors) -> OpenSearchTarget {
        let host = object["host"]?.stringValue ?? ""
        if host.isEmpty || host.contains("/") || host.contains(" ") {
            errors.add("target_data.host", "must be a host name or address such as search.example.com, without a scheme or path")
        }
        var port = 9200
        if let v = object["port"] {
            if let p = v.integerValue, (1...65535).contains(p) {
                port = p
            } else {
                errors.add("target_data.port", "must be a port number from 1 to 65535")
            }
        }
        var usesTLS = true
        if let v = object["is_using_ssl"] {
            if let b = v.boolValue { usesTLS = b } else { errors.add("target_data.is_using_ssl", "must be a boolean") }
        }
        var user: String?
        if let v = object["auth_user_name"], v != .null {
            if let s = v.stringValue, !s.isEmpty, !s.contains(":") {
                user = s
            } else {
                errors.add("target_data.auth_user_name", "must be a non-empty string without ':'")
            }
        }
        let index = object["indice"]?.stringValue ?? ""
        if index.isEmpty || index.contains(where: { " /\\?#\"<>|".contains($0) }) {
            errors.add("target_data.indice", "must name an index or pattern such as nginx-* (no spaces, /, \\, ?, #, quotes, <, >, |)")
        }
        var fields: [String: String] = [:]
        if let v = object["fields"] {
            let allowed = Set(defaultFields.map(\.name) + ["tiebreaker"])
            if let map = v.objectValue {
                for (key, value) in map {
                    if !allowed.contains(key) {
                        errors.add(
                            "target_data.fields.\(key)",
                            "is not a field Weir reads; rename any of \(allowed.sorted().joined(separator: ", "))"
                        )
                    } else if let name = value.stringValue, !name.isEmpty, !name.contains(","), !name.contains("=") {
                        fields[key] = name
                    } else {
                        errors.add("target_data.fields.\(key)", "must be the document's field name (dots for nested fields, no ',' or '=')")
                    }
                }
            } else {
                errors.add("target_data.fields", "must be an object such as {\"@timestamp\":\"timestamp\",\"remote\":\"client.ip\"}")
            }
        }
        var pageSize = 1000
        if let v = object["page_size"] {
            if let n = v.integerValue, (1...10_000).contains(n) {
                pageSize = n
            } else {
                errors.add("target_data.page_size", "must be a whole number from 1 to 10000")
            }
        }
        var caFile: String?
        if let v = object["tls_ca_file"], v != .null {
            if let path = v.stringValue, path.hasPrefix("/") {
                caFile = path
            } else {
                errors.add("target_data.tls_ca_file", "must be the absolute path of a PEM file of trusted certificate authorities")
            }
        }
        return OpenSearchTarget(
            host: host,
            port: port,
            usesTLS: usesTLS,
            user: user,
            index: index,
            fields: fields,
            pageSize: pageSize,
            caFile: caFile
        )
    }

    /// The stored form: the password only sealed.
    package var storedJSON: JSONValue {
        var object = publicFields
        if let sealedPassword { object["auth_password_encrypted"] = .string(sealedPassword) }
        return .object(object)
    }

    /// What the API shows: whether a password is set, never the password.
    package var publicJSON: JSONValue {
        var object = publicFields
        object["auth_password_set"] = .bool(sealedPassword != nil)
        return .object(object)
    }

    private var publicFields: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "type": .string("opensearch"), "host": .string(host), "port": .number(Double(port)), "is_using_ssl": .bool(usesTLS),
            "indice": .string(index), "page_size": .number(Double(pageSize)),
        ]
        if let user { object["auth_user_name"] = .string(user) }
        if !fields.isEmpty { object["fields"] = .object(fields.mapValues { .string($0) }) }
        if let caFile { object["tls_ca_file"] = .string(caFile) }
        return object
    }
}
