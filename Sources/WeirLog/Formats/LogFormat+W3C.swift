/// W3C extended logs (IIS, and CloudFront's standard logs): `#`-directive lines, among them
/// `#Fields: date time c-ip …`, which names the fields of the lines after it, separated by one
/// space (IIS) or one tab (CloudFront). A reader of such a format rebuilds it at each `#Fields:`
/// line and counts directive lines as neither requests nor malformed.
public enum W3CFlavor: String, Sendable, Equatable {
    /// IIS and other W3C writers: fields separated by spaces; `time-taken` in milliseconds (IIS).
    case w3c
    /// Amazon CloudFront standard logs: fields separated by tabs; `time-taken` in seconds.
    case cloudfront

    var separator: UInt8 { self == .cloudfront ? 9 : 32 }

    /// The fields assumed before any `#Fields:` line: IIS's default selection, and CloudFront's
    /// documented standard log fields.
    var defaultFields: [String] {
        switch self {
        case .w3c:
            [
                "date", "time", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip", "cs(User-Agent)",
                "cs(Referer)", "sc-status", "sc-substatus", "sc-win32-status", "time-taken",
            ]
        case .cloudfront:
            [
                "date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method", "cs(Host)", "cs-uri-stem", "sc-status", "cs(Referer)",
                "cs(User-Agent)", "cs-uri-query", "cs(Cookie)", "x-edge-result-type", "x-edge-request-id", "x-host-header", "cs-protocol",
                "cs-bytes", "time-taken", "x-forwarded-for", "ssl-protocol", "ssl-cipher", "x-edge-response-result-type",
                "cs-protocol-version", "fle-status", "fle-encrypted-fields", "c-port", "time-to-first-byte", "x-edge-detailed-result-type",
                "sc-content-type", "sc-content-len", "sc-range-start", "sc-range-end",
            ]
        }
    }
}

extension LogFormat {
    /// The W3C format of `flavor` with `fields` (the names of a `#Fields:` line). Fields Weir
    /// does not read are skipped; `date` followed by `time` is the request's time, in UTC.
    public static func w3c(fields: [String], flavor: W3CFlavor) throws(LogFormatError) -> LogFormat {
        var steps: [FormatStep] = []
        var i = 0
        var hasTime = false
        let hasHostHeader = fields.contains("x-host-header")
        while i < fields.count {
            if !steps.isEmpty { steps.append(.literal([flavor.separator])) }
            if fields[i] == "date", i + 1 < fields.count, fields[i + 1] == "time" {
                steps.append(.field(.timeW3C, quoted: false))
                hasTime = true
                i += 2
                continue
            }
            steps.append(.field(kind(ofW3CField: fields[i], flavor: flavor, hasHostHeader: hasHostHeader), quoted: false))
            i += 1
        }
        guard hasTime else {
            throw LogFormatError("the #Fields line has no 'date time' pair of fields; Weir needs each request's date and time")
        }
        var format = LogFormat(name: flavor.rawValue, steps: steps, allowsTrailingFields: false)
        format.w3cFlavor = flavor
        format.w3cFields = fields
        return format
    }

    /// The format a `#Fields:` directive line declares, or `nil` when `line` is not one. With no
    /// `flavor`, CloudFront's is recognised by its `x-edge-location` field.
    public static func w3c(directive line: some Collection<UInt8>, flavor: W3CFlavor?) throws(LogFormatError) -> LogFormat? {
        let prefix = Array("#Fields:".utf8)
        guard line.count > prefix.count, Array(line.prefix(prefix.count)) == prefix else { return nil }
        let names = line.dropFirst(prefix.count).split(whereSeparator: { $0 == 32 || $0 == 9 || $0 == 13 }).map {
            String(decoding: $0, as: UTF8.self)
        }
        return try w3c(fields: names, flavor: flavor ?? (names.contains("x-edge-location") ? .cloudfront : .w3c))
    }

    /// Whether `line` is a directive of this format: a `#` line of a W3C log (any other format
    /// reads it as a line like the others).
    public func isDirective(_ line: UnsafeRawBufferPointer) -> Bool {
        w3cFlavor != nil && line.first == UInt8(ascii: "#")
    }

    /// The format a directive line of this W3C format sets for the lines after it: the fields of
    /// a `#Fields:` line, or `nil` for another directive.
    public func redefined(by directive: UnsafeRawBufferPointer) throws(LogFormatError) -> LogFormat? {
        try LogFormat.w3c(directive: directive, flavor: w3cFlavor)
    }

    /// A W3C flavor's format with its default fields.
    static func w3c(_ flavor: W3CFlavor) -> LogFormat {
        // The default field lists hold `date time`, so this cannot fail.
        (try? w3c(fields: flavor.defaultFields, flavor: flavor)) ?? LogFormat(name: flavor.rawValue, steps: [])
    }

    static func kind(ofW3CField name: String, flavor: W3CFlavor, hasHostHeader: Bool) -> FieldKind {
        switch name {
        case "c-ip": .client
        case "cs-username": .user
        case "cs-method": .method
        case "cs-uri-stem": .path
        case "cs-uri": .target
        case "sc-status": .status
        case "sc-bytes": .bytes
        case "cs(User-Agent)": .userAgent
        case "cs(Referer)": .referrer
        case "x-host-header", "cs-host": .host
        case "cs(Host)": hasHostHeader ? .ignored : .host
        case "time-taken": flavor == .cloudfront ? .durationSeconds : .durationMillis
        case "s-port": .port
        case "cs-protocol": .scheme
        case "cs-version", "cs-protocol-version": .protocolVersion
        default: .ignored
        }
    }
}
