/// One access-log request with its fields as values: the form to keep, compare or serialise.
///
/// Built from a ``ParsedLine`` and its line. Fields the format did not carry are `nil`.
public struct LogRecord: Sendable, Hashable, Codable {
    public var client: String?
    public var ident: String?
    public var user: String?
    /// Seconds since the Unix epoch (the line's UTC offset applied).
    public var timestamp: Int64
    /// The offset the line was written in, seconds east of UTC.
    public var utcOffset: Int
    public var method: String?
    public var target: String?
    public var protocolVersion: String?
    public var status: Int?
    public var bytes: Int64?
    public var referrer: String?
    public var userAgent: String?
    public var scheme: String?
    public var host: String?
    public var port: Int?
    public var durationMicros: Int64?
    /// The first path segment of the target (`/api` for `/api/user/1`), `-` without a path.
    public var section: String

    /// Materialises the parsed fields of `line`.
    public init(_ parsed: ParsedLine, line: UnsafeRawBufferPointer) {
        func text(_ range: ByteRange, _ field: LogFields) -> String? {
            guard parsed.fields.contains(field) else { return nil }
            let raw = line.string(range)
            return parsed.hasJSONEscapes ? Self.unescapeJSON(raw) : raw
        }
        let f = parsed.fields
        client = text(parsed.client, .client)
        ident = text(parsed.ident, .ident)
        user = text(parsed.user, .user)
        timestamp = parsed.timestamp
        utcOffset = Int(parsed.utcOffset)
        method = text(parsed.method, .method)
        target = text(parsed.target, .target)
        protocolVersion = f.contains(.protocolVersion) ? line.string(parsed.protocolVersion) : nil
        status = f.contains(.status) ? parsed.status : nil
        bytes = f.contains(.bytes) ? parsed.bytes : nil
        referrer = text(parsed.referrer, .referrer)
        userAgent = text(parsed.userAgent, .userAgent)
        scheme = text(parsed.scheme, .scheme)
        host = text(parsed.host, .host)
        port = f.contains(.port) ? parsed.port : nil
        durationMicros = f.contains(.duration) ? parsed.durationMicros : nil
        section = target.map { RequestTarget.section(of: $0) } ?? "-"
    }

    /// Decodes JSON string escapes (`\"`, `\\`, `\n`, `\uXXXX` …) of a raw string body.
    static func unescapeJSON(_ raw: String) -> String {
        guard raw.contains("\\") else { return raw }
        var scalars = String.UnicodeScalarView()
        var it = raw.unicodeScalars.makeIterator()
        while let c = it.next() {
            guard c == "\\", let e = it.next() else {
                scalars.append(c)
                continue
            }
            switch e {
            case "n": scalars.append("\n")
            case "t": scalars.append("\t")
            case "r": scalars.append("\r")
            case "b": scalars.append("\u{8}")
            case "f": scalars.append("\u{C}")
            case "u":
                var hex = ""
                for _ in 0..<4 { if let h = it.next() { hex.unicodeScalars.append(h) } }
                if let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { scalars.append(s) } else { scalars.append("\u{FFFD}") }
            default: scalars.append(e)
            }
        }
        return String(scalars)
    }
}

extension LineParser {
    /// Parses a line given as text: a convenience for tests and for callers off the hot path.
    public func parse(_ line: String) -> Result<LogRecord, ParseFailure> {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBytes { raw in
            let buffer = UnsafeRawBufferPointer(raw)
            var parsed = ParsedLine()
            if let failure = parse(buffer, into: &parsed) { return .failure(failure) }
            return .success(LogRecord(parsed, line: buffer))
        }
    }
}
