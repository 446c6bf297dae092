/// An access-log format: how to find the fields of a line.
///
/// Formats come from a name (``named(_:)``), an Apache `LogFormat` string, an nginx
/// `log_format` string, a JSON-lines field mapping, or ``parse(_:)`` which accepts any of these
/// as the user typed them on the command line.
public struct LogFormat: Sendable, CustomStringConvertible {
    /// A short name shown in reports (`combined`, `common`, `apache:…`, `json`).
    public let name: String
    let layout: Layout
    /// Whether bytes after the last field are accepted when they start with a space
    /// (servers that append fields to the combined format).
    let allowsTrailingFields: Bool
    /// Whether a syslog prefix (`Feb  6 12:14:14 host prog[pid]: `) before the first field is
    /// skipped, for programs that log through syslog (HAProxy).
    var skipsSyslogPrefix = false
    /// Whether each line starts with a host name and a space before the format's first field, as
    /// Weir's syslog journal writes them; `nil` for every file a server writes.
    public var hostPrefix: HostPrefix?
    /// Fields every line must have besides its time, so that a JSON layout is not mistaken for
    /// another (Caddy's nested request, for the flat `json`).
    var requiredFields: LogFields = []
    /// For W3C extended logs: the flavor whose `#Fields:` lines redefine the format as it is
    /// read (``LogReader``); `nil` for every other format.
    public internal(set) var w3cFlavor: W3CFlavor?
    /// For W3C extended logs: the field names the format was built from.
    public internal(set) var w3cFields: [String]?

    enum Layout: Sendable {
        case pattern([FormatStep])
        case json(JSONFieldNames)
    }

    init(name: String, steps: [FormatStep], allowsTrailingFields: Bool = false) {
        self.name = name
        self.layout = .pattern(Self.normalized(steps))
        self.allowsTrailingFields = allowsTrailingFields
    }

    init(name: String, json: JSONFieldNames) {
        self.name = name
        self.layout = .json(json)
        self.allowsTrailingFields = false
    }

    public var description: String { name }

    /// The Apache `LogFormat` strings of the formats known by name.
    public static let namedApacheFormats: [(name: String, format: String)] = [
        ("combined", #"%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i""#),
        ("common", #"%h %l %u %t "%r" %>s %b"#),
        ("vhost_combined", #"%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i""#),
        ("vhost_common", #"%v:%p %h %l %u %t "%r" %>s %b"#),
        ("vcombined", #"%v %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i""#),
        ("vcommon", #"%v %h %l %u %t "%r" %>s %b"#),
    ]

    /// NCSA Combined: Common plus referrer and user agent.
    public static let combined = named("combined")!
    /// NCSA Common.
    public static let common = named("common")!
    /// JSON lines with the default field names (see ``JSONFieldNames``).
    public static let json = LogFormat(name: "json", json: JSONFieldNames())
    /// Caddy's structured access log (`http.log.access`), with the request's fields nested.
    public static let caddy: LogFormat = {
        var format = LogFormat(name: "caddy", json: .caddy)
        format.requiredFields = [.client, .method, .status]
        return format
    }()

    /// Traefik's JSON access log, with its own key names and durations in nanoseconds.
    public static let traefikJSON: LogFormat = {
        var format = LogFormat(name: "traefik-json", json: .traefik)
        format.requiredFields = [.client, .method, .status]
        return format
    }()

    /// The formats tried, in order of preference, when the format is detected automatically.
    /// Traefik's lines are Combined lines with fields after, so they are read as Combined unless
    /// `traefik` is given; ingress-nginx's are too, and come first, since its fields after
    /// Combined's (the request time, the upstream) are worth reading.
    public static let detectable: [LogFormat] =
        [vendor("ingress-nginx")!] + namedApacheFormats.map { named($0.name)! } + [caddy, traefikJSON, json]
        + ["aws-alb", "aws-elb", "s3", "haproxy"].compactMap(vendor)

    /// A format known by name: `combined`, `common`, `vhost_combined`, `vhost_common`,
    /// `vcombined`, `vcommon`, `json`, and the vendors' (``vendorTemplates``).
    public static func named(_ name: String) -> LogFormat? {
        if name == "json" { return json }
        if let format = vendor(name) { return format }
        if name == "caddy" { return caddy }
        if name == "traefik-json" { return traefikJSON }
        if let flavor = W3CFlavor(rawValue: name) { return w3c(flavor) }
        guard let entry = namedApacheFormats.first(where: { $0.name == name }),
            var format = try? apache(entry.format)
        else { return nil }
        format = LogFormat(name: name, layout: format.layout, allowsTrailingFields: name.hasSuffix("combined"))
        return format
    }

    init(name: String, layout: Layout, allowsTrailingFields: Bool) {
        self.name = name
        self.layout = layout
        self.allowsTrailingFields = allowsTrailingFields
    }

    /// A format as a task or a flag gives it: `nil` for `auto` (the reader detects it), else
    /// what ``parse(_:)`` makes of the text.
    public static func chosen(_ text: String) throws(LogFormatError) -> LogFormat? {
        text == "auto" ? nil : try parse(text)
    }

    /// Parses a format as given by a user: a known name, `json` or `json:field=key,…`, an Apache
    /// `LogFormat` string (contains `%`), or an nginx `log_format` string (contains `$`).
    /// `auto` is not a format: ``chosen(_:)`` takes it.
    public static func parse(_ text: String) throws(LogFormatError) -> LogFormat {
        if let format = named(text) { return format }
        if text.hasPrefix("json:") { return LogFormat(name: text, json: try JSONFieldNames(spec: String(text.dropFirst(5)))) }
        if text.contains("%") { return try apache(text) }
        if text.contains("$") { return try nginx(text) }
        throw LogFormatError(
            "unknown log format '\(text)': use auto, \((namedApacheFormats.map(\.name) + vendorTemplates.map(\.name) + ["caddy", "traefik-json", "cloudfront", "w3c"]).joined(separator: ", ")), json, json:FIELD=KEY,…, an Apache LogFormat string or an nginx log_format string"
        )
    }

    /// Merges adjacent literals and marks fields that sit between double quotes.
    static func normalized(_ steps: [FormatStep]) -> [FormatStep] {
        var merged: [FormatStep] = []
        for step in steps {
            if case .literal(let b) = step, case .literal(let a)? = merged.last {
                merged[merged.count - 1] = .literal(a + b)
            } else if case .literal(let b) = step, b.isEmpty {
                continue
            } else {
                merged.append(step)
            }
        }
        let quote = UInt8(ascii: "\"")
        for i in merged.indices {
            guard case .field(let kind, _) = merged[i] else { continue }
            var before = false
            var after = false
            if i > 0, case .literal(let lit) = merged[i - 1] { before = lit.last == quote }
            if i + 1 < merged.count, case .literal(let lit) = merged[i + 1] { after = lit.first == quote }
            merged[i] = .field(kind, quoted: before && after)
        }
        return merged
    }
}
