/// One syslog message's parts, found in place, so that an access-log line sent over syslog is
/// read as the line itself: RFC 5424 (`<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG`)
/// and RFC 3164 as nginx (`access_log syslog:server=…`) and rsyslog's forwarding send it
/// (`<PRI>Mmm dd hh:mm:ss HOSTNAME TAG: MSG`, the time also in RFC 3339, the host name sometimes
/// left out). The header is checked, not trusted: a message that does not parse is `nil`.
public struct SyslogMessage: Sendable, Equatable {
    /// The priority: facility × 8 + severity, 0 to 191.
    public let priority: Int
    /// The sending host's name (`nil` when the message has none, or `-`).
    public let hostname: Range<Int>?
    /// The message itself: what the sender logged, without a trailing newline.
    public let content: Range<Int>

    public init?(_ bytes: UnsafeRawBufferPointer) {
        var cursor = Cursor(bytes: bytes)
        guard let priority = cursor.priority() else { return nil }
        self.priority = priority
        if cursor.take("1 ") {
            guard let (hostname, content) = Self.rfc5424(&cursor) else { return nil }
            (self.hostname, self.content) = (hostname, content)
        } else {
            guard let (hostname, content) = Self.rfc3164(&cursor) else { return nil }
            (self.hostname, self.content) = (hostname, content)
        }
    }

    /// `TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]`.
    private static func rfc5424(_ c: inout Cursor) -> (Range<Int>?, Range<Int>)? {
        guard c.token() != nil, let host = c.token(), c.token() != nil, c.token() != nil, c.token() != nil else { return nil }
        guard c.structuredData() else { return nil }
        if c.isAtEnd { return (c.named(host), c.rest()) }
        guard c.take(" ") else { return nil }
        _ = c.take("\u{FEFF}")  // a UTF-8 byte-order mark may open MSG
        return (c.named(host), c.rest())
    }

    /// `TIMESTAMP [HOSTNAME] TAG[pid]: MSG`, the timestamp `Mmm dd hh:mm:ss` or RFC 3339.
    private static func rfc3164(_ c: inout Cursor) -> (Range<Int>?, Range<Int>)? {
        guard c.timestamp3164() || c.timestampISO() else { return nil }
        guard let first = c.token() else { return nil }
        if c.bytes[first.upperBound - 1] == 0x3A { return (nil, c.rest()) }  // `TAG:` with no host name before it
        guard let tag = c.token(), c.bytes[tag.upperBound - 1] == 0x3A else { return nil }
        return (c.named(first), c.rest())
    }

    /// A position in a message, moving forward.
    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        var isAtEnd: Bool { at >= bytes.count }

        /// `<PRI>`: one to three digits, 0 to 191.
        mutating func priority() -> Int? {
            guard take("<") else { return nil }
            var value = 0
            var digits = 0
            while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39, digits < 3 {
                value = value * 10 + Int(bytes[at] - 0x30)
                at += 1
                digits += 1
            }
            guard digits > 0, value <= 191, take(">") else { return nil }
            return value
        }

        mutating func take(_ literal: String) -> Bool {
            let utf8 = Array(literal.utf8)
            guard at + utf8.count <= bytes.count else { return false }
            for (k, b) in utf8.enumerated() where bytes[at + k] != b { return false }
            at += utf8.count
            return true
        }

        /// A run of non-space bytes and the one space after it (none at the end).
        mutating func token() -> Range<Int>? {
            let start = at
            while at < bytes.count, bytes[at] != 0x20 { at += 1 }
            guard at > start else { return nil }
            let range = start..<at
            if at < bytes.count { at += 1 }
            return range
        }

        /// `Mmm dd hh:mm:ss ` (the day padded with a space).
        mutating func timestamp3164() -> Bool {
            guard at + 16 <= bytes.count else { return false }
            let (bytes, base) = (self.bytes, at)
            let b = { (k: Int) in bytes[base + k] }
            let letters = (0..<3).allSatisfy { (0x41...0x7A).contains(b($0)) }
            let digit = { (k: Int) in (0x30...0x39).contains(b(k)) }
            guard letters, b(3) == 0x20, b(4) == 0x20 || digit(4), digit(5), b(6) == 0x20, digit(7), digit(8), b(9) == 0x3A,
                digit(10), digit(11), b(12) == 0x3A, digit(13), digit(14), b(15) == 0x20
            else { return false }
            at += 16
            return true
        }

        /// An RFC 3339 time as rsyslog forwards it: a token that starts with a digit.
        mutating func timestampISO() -> Bool {
            guard at < bytes.count, (0x30...0x39).contains(bytes[at]) else { return false }
            return token() != nil
        }

        /// RFC 5424's structured data: `-`, or `[id param="value"…]` elements, escapes included.
        mutating func structuredData() -> Bool {
            if take("-") { return true }
            var elements = 0
            while at < bytes.count, bytes[at] == UInt8(ascii: "[") {
                at += 1
                var quoted = false
                while at < bytes.count {
                    let b = bytes[at]
                    if quoted, b == UInt8(ascii: "\\") {
                        at += 2
                        continue
                    }
                    at += 1
                    if b == UInt8(ascii: "\"") { quoted.toggle() } else if b == UInt8(ascii: "]"), !quoted { break }
                }
                guard at <= bytes.count, bytes[at - 1] == UInt8(ascii: "]") else { return false }
                elements += 1
            }
            return elements > 0
        }

        /// `range` as a host name: `nil` for `-`.
        func named(_ range: Range<Int>) -> Range<Int>? {
            range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "-") ? nil : range
        }

        /// The rest, without trailing `\n` and `\r`.
        mutating func rest() -> Range<Int> {
            var end = bytes.count
            while end > at, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
            defer { at = bytes.count }
            return min(at, end)..<end
        }
    }
}
