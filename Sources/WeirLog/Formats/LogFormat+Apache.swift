extension LogFormat {
    /// Compiles an Apache `LogFormat` string such as `%h %l %u %t "%r" %>s %b`.
    ///
    /// Understood: `%h %a %l %u %t %{sec}t %{msec}t %{%…}t(ISO only) %r %m %U %q %H %s %>s %<s %b %B
    /// %O %D %T %{ms}T %{us}T %v %V %p %{Referer}i %{User-Agent}i %{X-Forwarded-Proto}i`; any other
    /// directive is a field that is skipped.
    public static func apache(_ text: String) throws(LogFormatError) -> LogFormat {
        var steps: [FormatStep] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        func flush() {
            if !literal.isEmpty {
                steps.append(.literal(literal))
                literal = []
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                // LogFormat strings in httpd.conf escape quotes and control characters.
                switch bytes[i + 1] {
                case UInt8(ascii: "t"): literal.append(9)
                case UInt8(ascii: "n"): literal.append(10)
                default: literal.append(bytes[i + 1])
                }
                i += 2
                continue
            }
            guard b == UInt8(ascii: "%") else {
                literal.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { throw LogFormatError("Apache log format ends with a lone '%'") }
            if bytes[i] == UInt8(ascii: "%") {
                literal.append(b)
                i += 1
                continue
            }
            // Modifiers: conditions like `!400,501` and `<` / `>`.
            while i < bytes.count, "<>!,0123456789".utf8.contains(bytes[i]) { i += 1 }
            var argument: String?
            if i < bytes.count, bytes[i] == UInt8(ascii: "{") {
                guard let close = bytes[i...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw LogFormatError("Apache log format has an unclosed '{' in directive at column \(i + 1)")
                }
                argument = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                i = close + 1
            }
            guard i < bytes.count else { throw LogFormatError("Apache log format ends inside a directive") }
            let directive = bytes[i]
            i += 1
            flush()
            let kind = try apacheField(directive: directive, argument: argument)
            if kind == .timeLocal {
                steps.append(contentsOf: [.literal([UInt8(ascii: "[")]), .field(.timeLocal, quoted: false), .literal([UInt8(ascii: "]")])])
            } else {
                steps.append(.field(kind, quoted: false))
            }
        }
        flush()
        try validate(steps, source: "Apache")
        return LogFormat(name: "apache:\(text)", steps: steps)
    }

    static func apacheField(directive: UInt8, argument: String?) throws(LogFormatError) -> FieldKind {
        switch Character(UnicodeScalar(directive)) {
        case "h", "a": return .client
        case "l": return .ident
        case "u": return .user
        case "t":
            switch argument {
            case nil: return .timeLocal
            case "sec"?, "begin:sec"?, "end:sec"?: return .timeEpochSeconds
            case "msec"?, "begin:msec"?, "end:msec"?: return .timeEpochMillis
            case let format?:
                if ["%Y-%m-%dT%H:%M:%S%z", "%FT%T%z", "%Y-%m-%dT%H:%M:%S%Z"].contains(format) { return .timeISO }
                throw LogFormatError("Apache time format %{\(format)}t is not supported: use %t, %{sec}t, %{msec}t or %{%Y-%m-%dT%H:%M:%S%z}t")
            }
        case "r": return .request
        case "m": return .method
        case "U": return .path
        case "q": return .query
        case "H": return .protocolVersion
        case "s": return .status
        case "b", "B": return .bytes
        case "O": return .bytes
        case "D": return .durationMicros
        case "T":
            switch argument {
            case "ms"?: return .durationMillis
            case "us"?: return .durationMicros
            default: return .durationSeconds
            }
        case "v", "V": return .host
        case "p": return .port
        case "i":
            switch argument?.lowercased() {
            case "referer"?, "referrer"?: return .referrer
            case "user-agent"?: return .userAgent
            case "x-forwarded-proto"?: return .scheme
            case "host"?: return .host
            default: return .ignored
            }
        default: return .ignored
        }
    }

    /// Rejects formats that cannot be parsed reliably: two fields with nothing between them, or
    /// no timestamp at all.
    static func validate(_ steps: [FormatStep], source: String) throws(LogFormatError) {
        var previousWasField = false
        var previous: FieldKind?
        var hasTime = false
        for step in steps {
            switch step {
            case .literal: previousWasField = false
            case .field(let kind, _):
                if previousWasField, !(previous == .path && kind == .query) {
                    throw LogFormatError("\(source) log format has two fields with no separator between them (\(previous!.label) then \(kind.label))")
                }
                hasTime = hasTime || kind.isTime
                previousWasField = true
                previous = kind
            }
        }
        if !hasTime { throw LogFormatError("\(source) log format has no timestamp field: Weir needs the time of each request") }
    }
}
