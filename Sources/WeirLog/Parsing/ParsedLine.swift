/// One access-log line parsed in place: byte ranges into the line plus the decoded numbers.
///
/// This is the hot-path form of a record. It holds no reference to the line; keep the line's
/// bytes alive while reading ranges from it, or turn it into a ``LogRecord`` to keep it.
public struct ParsedLine: Sendable {
    public var client = ByteRange.empty
    public var ident = ByteRange.empty
    public var user = ByteRange.empty
    public var method = ByteRange.empty
    /// Request target as logged: a path with its query, or a full URL.
    public var target = ByteRange.empty
    /// `HTTP/1.1` and the like; empty when the request line had none.
    public var protocolVersion = ByteRange.empty
    public var referrer = ByteRange.empty
    public var userAgent = ByteRange.empty
    public var scheme = ByteRange.empty
    public var host = ByteRange.empty
    /// The instant of the request, in seconds since 1970-01-01T00:00:00Z (offset applied).
    public var timestamp: Int64 = 0
    /// The UTC offset the line was written in, in seconds east of UTC.
    public var utcOffset: Int32 = 0
    public var status: Int = 0
    /// Response size; `-` in the log counts as 0.
    public var bytes: Int64 = 0
    public var port: Int = 0
    /// Time taken to serve the request, in microseconds.
    public var durationMicros: Int64 = 0
    /// Which fields the line carried.
    public var fields: LogFields = []
    /// True when string ranges may hold JSON escape sequences (JSON-lines formats).
    public var hasJSONEscapes = false

    public init() {}

    /// Status class index: 1 for 1xx … 5 for 5xx, 0 for anything else.
    @inlinable public var statusClass: Int {
        let c = status / 100
        return (1...5).contains(c) ? c : 0
    }
}
