/// What one directive of a log format captures.
enum FieldKind: Sendable, Equatable {
    case client, ident, user, referrer, userAgent, scheme, host
    /// `address:port` as load balancers write it: the port after the last colon, so an IPv6
    /// address (written without brackets by AWS and HAProxy) keeps its colons; `[address]:port`
    /// too.
    case clientWithPort
    /// `dd/Mon/yyyy:HH:MM:SS +zzzz`, without brackets.
    case timeLocal
    /// RFC 3339 / ISO 8601.
    case timeISO
    /// Unix seconds, possibly with a fraction (`$msec`, `%{sec}t`).
    case timeEpochSeconds
    /// Unix milliseconds (`%{msec}t`).
    case timeEpochMillis
    /// W3C's `date` and `time` fields with the one separator between them, in UTC.
    case timeW3C
    /// The request line `METHOD target PROTOCOL`.
    case request
    case method
    /// Path with query, or a full URL.
    case target
    /// Path only (`%U`); a following `%q` extends it.
    case path
    /// Query string (`%q`), appended to an adjacent path.
    case query
    case protocolVersion
    case status
    case bytes
    case port
    case durationMicros
    /// Whole or fractional seconds (`%T`, `$request_time`).
    case durationSeconds
    case durationMillis
    /// Whole nanoseconds (Traefik's JSON `Duration`).
    case durationNanos
    /// A field this format has that Weir does not use.
    case ignored

    /// The name used in error messages.
    var label: String {
        switch self {
        case .client, .clientWithPort: "client"
        case .ident: "ident"
        case .user: "user"
        case .referrer: "referrer"
        case .userAgent: "user agent"
        case .scheme: "scheme"
        case .host: "host"
        case .timeLocal, .timeISO, .timeEpochSeconds, .timeEpochMillis, .timeW3C: "timestamp"
        case .request: "request line"
        case .method: "method"
        case .target, .path: "target"
        case .query: "query"
        case .protocolVersion: "protocol"
        case .status: "status"
        case .bytes: "bytes"
        case .port: "port"
        case .durationMicros, .durationSeconds, .durationMillis, .durationNanos: "duration"
        case .ignored: "field"
        }
    }

    /// Free-text fields, which may contain spaces when they end a line unquoted.
    var mayHoldSpaces: Bool {
        switch self {
        case .referrer, .userAgent, .request, .ignored, .target: true
        default: false
        }
    }

    var isTime: Bool {
        switch self {
        case .timeLocal, .timeISO, .timeEpochSeconds, .timeEpochMillis: true
        default: false
        }
    }
}
