/// Which keys of a JSON-lines access log hold which field.
///
/// By default each field is looked up under several common names (nginx's `escape=json`
/// layouts, Logstash/OpenSearch documents such as `@timestamp`, `remote`, `path`, `code`, `size`).
/// `json:time=ts,client=ip` replaces the candidates of the fields it names.
public struct JSONFieldNames: Sendable {
    /// The fields a JSON line can map, and the keys tried for each, in order.
    public private(set) var keys: [String: [String]] = [
        "time": ["@timestamp", "time", "timestamp", "time_iso8601", "time_local", "ts", "msec"],
        "client": ["remote", "remote_addr", "client", "clientip", "client_ip", "ip", "host_ip"],
        "user": ["remote_user", "user", "auth"],
        "method": ["method", "request_method", "verb"],
        "target": ["path", "request_uri", "uri", "url", "target"],
        "request": ["request"],
        "protocol": ["protocol", "server_protocol", "httpversion", "http_version"],
        "status": ["code", "status", "response", "status_code"],
        "bytes": ["size", "body_bytes_sent", "bytes", "bytes_sent"],
        "referrer": ["referrer", "referer", "http_referer"],
        "user_agent": ["agent", "user_agent", "http_user_agent", "useragent"],
        "scheme": ["scheme"],
        "host": ["host", "server_name", "vhost"],
        "duration": ["request_time", "duration", "response_time"],
    ]

    /// How the `duration` key's number reads: seconds, or nanoseconds (Traefik).
    var durationKind = FieldKind.durationSeconds

    public init() {}

    /// Traefik's JSON access log (`accessLog.format: json`): its own key names; `Duration` in
    /// nanoseconds; headers as `request_<Name>` when Traefik is told to keep them.
    static var traefik: JSONFieldNames {
        var names = JSONFieldNames()
        names.keys = [
            "time": ["StartUTC", "StartLocal", "time"], "client": ["ClientHost"], "user": ["ClientUsername"], "method": ["RequestMethod"],
            "target": ["RequestPath"], "protocol": ["RequestProtocol"], "status": ["DownstreamStatus", "OriginStatus"],
            "bytes": ["DownstreamContentSize"], "referrer": ["request_Referer"], "user_agent": ["request_User-Agent"],
            "scheme": ["RequestScheme"], "host": ["RequestHost"], "duration": ["Duration"],
        ]
        names.durationKind = .durationNanos
        return names
    }

    /// Caddy's access log: the request's fields nested under `request`, headers as lists.
    static var caddy: JSONFieldNames {
        var names = JSONFieldNames()
        names.keys = [
            "time": ["ts"], "client": ["request.remote_ip", "request.client_ip"], "user": ["user_id"], "method": ["request.method"],
            "target": ["request.uri"], "protocol": ["request.proto"], "status": ["status"], "bytes": ["size"],
            "referrer": ["request.headers.Referer"], "user_agent": ["request.headers.User-Agent"], "host": ["request.host"],
            "duration": ["duration"],
        ]
        return names
    }

    /// Parses `field=key,field=key` overrides, e.g. `time=ts,client=ip`.
    public init(spec: String) throws(LogFormatError) {
        for pair in spec.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0) }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw LogFormatError("JSON field mapping '\(pair)' is not FIELD=KEY (fields: \(keys.keys.sorted().joined(separator: ", ")))")
            }
            guard keys[parts[0]] != nil else {
                throw LogFormatError("JSON field mapping names unknown field '\(parts[0])' (fields: \(keys.keys.sorted().joined(separator: ", ")))")
            }
            keys[parts[0]] = [parts[1]]
        }
    }

    /// Flattened lookup table: key bytes → field kind, first name of each field winning.
    var table: [(key: [UInt8], kind: FieldKind)] {
        let kinds: [(String, FieldKind)] = [
            ("time", .timeISO), ("client", .client), ("user", .user), ("method", .method), ("target", .target),
            ("request", .request), ("protocol", .protocolVersion), ("status", .status), ("bytes", .bytes),
            ("referrer", .referrer), ("user_agent", .userAgent), ("scheme", .scheme), ("host", .host),
            ("duration", durationKind),
        ]
        var result: [(key: [UInt8], kind: FieldKind)] = []
        for (field, kind) in kinds {
            for key in keys[field] ?? [] where !result.contains(where: { $0.key == Array(key.utf8) }) {
                result.append((Array(key.utf8), kind))
            }
        }
        return result
    }
}
