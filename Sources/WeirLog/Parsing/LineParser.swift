import WeirCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses access-log lines of one ``LogFormat`` in place, on bytes.
///
/// The format is compiled once into a flat list of plain operations; ``parse(_:into:)`` then
/// walks a line with `memchr` and integer arithmetic only: no allocation, no `String`.
public struct LineParser: Sendable {
    /// The format this parser reads.
    public let format: LogFormat
    private let ops: [Op]
    private let pool: [UInt8]
    private let jsonKeys: [JSONKey]
    private let isJSON: Bool
    private let allowsTrailingFields: Bool
    private let skipsSyslogPrefix: Bool
    private let hostPrefix: HostPrefix?
    /// Whether some JSON key is a dotted path into nested objects (Caddy's `request.uri`).
    private let hasNestedKeys: Bool
    /// Fields a line must have besides its time (``LogFormat/requiredFields``).
    private let requiredFields: LogFields

    /// One compiled step. Plain data, so walking the array costs no reference counting.
    struct Op {
        var isLiteral: Bool
        var kind: FieldKind
        var quoted: Bool
        /// Literal bytes in `pool` (literal ops), or the next literal's bytes (field ops).
        var literalStart: Int
        var literalCount: Int
        var isSingleSpace: Bool
        /// For a field: the literal after it is the format's last step.
        var terminatorIsFinal: Bool
        /// For a path directly followed by a query field (`%U%q`): the path ends at `?`.
        var stopsAtQuery = false
        /// Bytes a field's terminator is looked for after: 11 for W3C's date and time (the date
        /// and the separator after it), 0 for every other field.
        var skip = 0
    }

    struct JSONKey {
        var start: Int
        var count: Int
        var first: UInt8
        var kind: FieldKind
    }

    /// Creates a parser for `format`.
    public init(format: LogFormat) {
        self.format = format
        self.allowsTrailingFields = format.allowsTrailingFields
        self.skipsSyslogPrefix = format.skipsSyslogPrefix
        self.hostPrefix = format.hostPrefix
        self.requiredFields = format.requiredFields
        var nested = false
        var ops: [Op] = []
        var pool: [UInt8] = []
        var keys: [JSONKey] = []
        switch format.layout {
        case .pattern(let steps):
            isJSON = false
            for (i, step) in steps.enumerated() {
                switch step {
                case .literal(let bytes):
                    ops.append(
                        Op(
                            isLiteral: true,
                            kind: .ignored,
                            quoted: false,
                            literalStart: pool.count,
                            literalCount: bytes.count,
                            isSingleSpace: bytes == [32],
                            terminatorIsFinal: false
                        )
                    )
                    pool.append(contentsOf: bytes)
                case .field(let kind, let quoted):
                    var op = Op(
                        isLiteral: false,
                        kind: kind,
                        quoted: quoted,
                        literalStart: 0,
                        literalCount: 0,
                        isSingleSpace: false,
                        terminatorIsFinal: false
                    )
                    op.skip = kind == .timeW3C ? 11 : 0
                    // A path glued to its query (`%U%q`) ends where the query's own terminator is.
                    var next = i + 1
                    if kind == .path, next < steps.count, case .field(.query, _) = steps[next] {
                        op.stopsAtQuery = true
                        next += 1
                    }
                    if next < steps.count, case .literal(let literal) = steps[next] {
                        op.literalStart = pool.count
                        op.literalCount = literal.count
                        op.terminatorIsFinal = next + 1 == steps.count
                        pool.append(contentsOf: literal)
                    }
                    ops.append(op)
                }
            }
        case .json(let names):
            isJSON = true
            for (key, kind) in names.table {
                keys.append(JSONKey(start: pool.count, count: key.count, first: key.first ?? 0, kind: kind))
                pool.append(contentsOf: key)
                if key.contains(UInt8(ascii: ".")) { nested = true }
            }
        }
        self.hasNestedKeys = nested
        self.ops = ops
        self.pool = pool
        self.jsonKeys = keys
    }

    /// Parses one line (without its `\n`; a trailing `\r` or spaces are ignored) into `out`.
    /// Returns `nil` on success, or why the line is malformed.
    @inlinable @inline(__always)
    public func parse(_ line: UnsafeRawBufferPointer, into out: inout ParsedLine) -> ParseFailure? {
        out = ParsedLine()
        var n = line.count
        guard let raw = line.baseAddress else { return .emptyLine }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        while n > 0, base[n - 1] == 13 || base[n - 1] == 32 || base[n - 1] == 9 { n -= 1 }
        if n == 0 { return .emptyLine }
        return parseTrimmed(base, n, line, &out)
    }

    @usableFromInline
    func parseTrimmed(
        _ base: UnsafePointer<UInt8>,
        _ n: Int,
        _ line: UnsafeRawBufferPointer,
        _ out: inout ParsedLine
    ) -> ParseFailure? {
        var start = 0
        var prefixedHost = ByteRange.empty
        if let hostPrefix {
            while start < n, base[start] != 32 { start += 1 }
            guard start < n else { return .missingField("line after the host name", column: start + 1) }
            if hostPrefix == .virtualHost, !(start == 1 && base[0] == UInt8(ascii: "-")) { prefixedHost = ByteRange(start: 0, end: start) }
            start += 1
        }
        let failure = pool.withUnsafeBufferPointer { lit in
            isJSON
                ? parseJSON(base, n, line, lit.baseAddress!, &out, from: start)
                : parsePattern(base, n, line, lit.baseAddress!, &out, from: skipsSyslogPrefix ? Self.syslogPrefixLength(base, n, from: start) : start)
        }
        // The line's own virtual host, when its format has one, is the more precise.
        if failure == nil, prefixedHost.end > 0, !out.fields.contains(.host) {
            out.host = prefixedHost
            out.fields.insert(.host)
        }
        return failure
    }

    // MARK: Pattern formats

    private func parsePattern(
        _ base: UnsafePointer<UInt8>,
        _ n: Int,
        _ line: UnsafeRawBufferPointer,
        _ lit: UnsafePointer<UInt8>,
        _ out: inout ParsedLine,
        from start: Int = 0
    ) -> ParseFailure? {
        var pos = start
        var i = 0
        let count = ops.count
        while i < count {
            let op = ops[i]
            if op.isLiteral {
                if op.isSingleSpace {
                    guard pos < n, base[pos] == 32 else {
                        return pos >= n ? .missingField(nextLabel(i), column: pos + 1) : .expected("' '", column: pos + 1)
                    }
                    pos += 1
                    while pos < n, base[pos] == 32 { pos += 1 }
                } else {
                    guard n - pos >= op.literalCount, Self.equal(base + pos, lit + op.literalStart, op.literalCount) else {
                        if pos >= n { return .missingField(nextLabel(i), column: pos + 1) }
                        return .expected(
                            "'\(String(decoding: UnsafeBufferPointer(start: lit + op.literalStart, count: op.literalCount), as: UTF8.self))'",
                            column: pos + 1
                        )
                    }
                    pos += op.literalCount
                }
                i += 1
                continue
            }
            var end: Int
            if op.quoted {
                if let close = closingQuote(base, n, from: pos, op, lit) {
                    end = close
                } else if op.terminatorIsFinal && op.literalCount == 1 {
                    // The last quoted field lost its closing quote (a cut line): take the rest.
                    if let failure = assign(op.kind, ByteRange(start: pos, end: n), base, line, &out) { return failure }
                    return nil
                } else {
                    return .unterminatedQuote(op.kind.label, column: pos)
                }
            } else if op.literalCount == 0 {
                // The last field: free text runs to the end, anything else stops at a space so
                // that extra fields are reported as such.
                end = n
                let from = min(pos &+ op.skip, n)
                if !op.kind.mayHoldSpaces, let hit = Self.find(32, base, from: from, to: n) { end = hit }
            } else {
                let from = pos &+ op.skip
                guard from < n, let hit = Self.find(lit[op.literalStart], base, from: from, to: n) else {
                    return .missingField(nextLabel(i), column: n + 1)
                }
                end = hit
            }
            if op.stopsAtQuery, end > pos, let q = Self.find(UInt8(ascii: "?"), base, from: pos, to: end) { end = q }
            if let failure = assign(op.kind, ByteRange(start: pos, end: end), base, line, &out) { return failure }
            pos = end
            i += 1
        }
        if pos < n, !(allowsTrailingFields && base[pos] == 32) { return .trailingData(column: pos + 1) }
        return nil
    }

    /// The length of a syslog prefix (`Feb  6 12:14:14 host prog[pid]: `): through the first
    /// `]: ` in the line's first 256 bytes when the line does not begin with a digit (an address)
    /// or `[`; 0 otherwise.
    static func syslogPrefixLength(_ base: UnsafePointer<UInt8>, _ n: Int, from start: Int = 0) -> Int {
        guard n > start, !(base[start] >= 0x30 && base[start] <= 0x39), base[start] != UInt8(ascii: "[") else { return start }
        var i = start
        while i + 2 < min(n, start + 256) {
            if base[i] == UInt8(ascii: "]"), base[i + 1] == UInt8(ascii: ":"), base[i + 2] == 32 { return i + 3 }
            i += 1
        }
        return start
    }

    private func nextLabel(_ i: Int) -> String {
        var j = i + 1
        while j < ops.count, ops[j].isLiteral { j += 1 }
        return j < ops.count ? ops[j].kind.label : "end of line"
    }

    /// The offset of the quote closing a quoted field: an unescaped `"` followed by the rest of
    /// the literal after the field (so a stray quote inside a user agent does not end it).
    @inline(__always)
    private func closingQuote(
        _ base: UnsafePointer<UInt8>,
        _ n: Int,
        from start: Int,
        _ op: Op,
        _ lit: UnsafePointer<UInt8>
    ) -> Int? {
        var q = start
        while q < n, let hit = memchr(base + q, 34, n - q) {
            let h = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            var backslashes = 0
            var k = h - 1
            while k >= start, base[k] == 92 {
                backslashes += 1
                k -= 1
            }
            if backslashes & 1 == 0, n - h >= op.literalCount,
                Self.equal(base + h, lit + op.literalStart, op.literalCount)
            {
                let after = h + op.literalCount
                if !op.terminatorIsFinal || after == n || (allowsTrailingFields && base[after] == 32) { return h }
            }
            q = h + 1
        }
        return nil
    }

    /// The offset of the first `byte` in `from..<to`, or `nil`. Fields are short (an address, a
    /// status, a size), so the first 8 bytes are scanned inline and only the rest by `memchr`,
    /// whose call costs more than a short scan.
    @inline(__always)
    static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int? {
        var i = from
        let inline = min(end, from &+ 8)
        while i < inline {
            if base[i] == byte { return i }
            i += 1
        }
        guard i < end, let hit = memchr(base + i, Int32(byte), end - i) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }

    /// Byte equality for the short literals of formats, without a call into libc.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    // MARK: Field values

    @inline(__always)
    private func assign(
        _ kind: FieldKind,
        _ r: ByteRange,
        _ base: UnsafePointer<UInt8>,
        _ line: UnsafeRawBufferPointer,
        _ out: inout ParsedLine
    ) -> ParseFailure? {
        switch kind {
        case .client:
            out.client = r
            out.fields.insert(.client)
        case .clientWithPort:
            out.client = Self.address(base, r)
            out.fields.insert(.client)
        case .ident:
            out.ident = r
            out.fields.insert(.ident)
        case .user:
            out.user = r
            out.fields.insert(.user)
        case .referrer:
            out.referrer = r
            out.fields.insert(.referrer)
        case .userAgent:
            out.userAgent = r
            out.fields.insert(.userAgent)
        case .scheme:
            out.scheme = r
            out.fields.insert(.scheme)
        case .host:
            out.host = r
            out.fields.insert(.host)
        case .method:
            out.method = r
            out.fields.insert(.method)
        case .target, .path:
            out.target = r
            out.fields.insert(.target)
        case .query:
            if out.target.end == r.start { out.target.end = r.end }
        case .protocolVersion:
            out.protocolVersion = r
            out.fields.insert(.protocolVersion)
        case .request: splitRequest(base, r, &out)
        case .timeLocal, .timeISO, .timeEpochSeconds, .timeEpochMillis, .timeW3C:
            guard let t = parseTime(kind, line, r) else { return invalid(kind, r, base) }
            out.timestamp = t.seconds
            out.utcOffset = t.offset
            out.fields.insert(.time)
        case .status:
            guard let v = Self.integer(base, r), v < 1000 else { return invalid(kind, r, base) }
            out.status = Int(v)
            out.fields.insert(.status)
        case .bytes:
            if r.count == 1, base[r.start] == UInt8(ascii: "-") {
                out.fields.insert(.bytes)
                return nil
            }
            guard let v = Self.integer(base, r) else { return invalid(kind, r, base) }
            out.bytes = v
            out.fields.insert(.bytes)
        case .port:
            guard let v = Self.integer(base, r) else { return invalid(kind, r, base) }
            out.port = Int(v)
            out.fields.insert(.port)
        case .durationMicros, .durationSeconds, .durationMillis, .durationNanos:
            // `-` is no time, and so is a negative one (`-1`: a load balancer that found no target).
            if r.count >= 1, base[r.start] == UInt8(ascii: "-") { return nil }
            let scale: Int64 = kind == .durationMicros || kind == .durationNanos ? 1 : kind == .durationMillis ? 1000 : 1_000_000
            guard let v = Self.decimal(base, r, scale: scale) else { return invalid(kind, r, base) }
            out.durationMicros = kind == .durationNanos ? v / 1000 : v
            out.fields.insert(.duration)
        case .ignored: break
        }
        return nil
    }

    private func invalid(_ kind: FieldKind, _ r: ByteRange, _ base: UnsafePointer<UInt8>) -> ParseFailure {
        let shown = String(decoding: UnsafeBufferPointer(start: base + r.start, count: min(r.count, 40)), as: UTF8.self)
        return .invalidField(kind.label, value: shown, column: r.start + 1)
    }

    private func parseTime(_ kind: FieldKind, _ line: UnsafeRawBufferPointer, _ r: ByteRange) -> (seconds: Int64, offset: Int32)? {
        switch kind {
        case .timeLocal: return Timestamps.parseCommonLogTime(line, r) ?? Timestamps.parseISO8601(line, r)
        case .timeISO: return Timestamps.parseISO8601(line, r) ?? Timestamps.parseCommonLogTime(line, r)
        case .timeW3C: return Timestamps.parseISO8601(line, r)
        case .timeEpochSeconds, .timeEpochMillis:
            let base = line.baseAddress!.assumingMemoryBound(to: UInt8.self)
            guard let v = Self.decimal(base, r, scale: 1) else { return nil }
            return (kind == .timeEpochMillis ? v / 1000 : v, 0)
        default: return nil
        }
    }

    /// `METHOD target PROTOCOL`; the protocol may be absent and the target may hold spaces.
    @inline(__always)
    private func splitRequest(_ base: UnsafePointer<UInt8>, _ r: ByteRange, _ out: inout ParsedLine) {
        out.fields.insert(.method)
        guard r.count > 0, let sp = Self.find(32, base, from: r.start, to: r.end) else {
            out.method = r
            return
        }
        out.method = ByteRange(start: r.start, end: sp)
        var t = sp + 1
        while t < r.end, base[t] == 32 { t += 1 }
        var last = r.end - 1
        while last > t, base[last] != 32 { last -= 1 }
        if last > t, r.end - last > 5, base[last + 1] == UInt8(ascii: "H"), base[last + 2] == UInt8(ascii: "T"),
            base[last + 3] == UInt8(ascii: "T"), base[last + 4] == UInt8(ascii: "P")
        {
            out.protocolVersion = ByteRange(start: last + 1, end: r.end)
            out.fields.insert(.protocolVersion)
            var e = last
            while e > t, base[e - 1] == 32 { e -= 1 }
            out.target = ByteRange(start: t, end: e)
        } else {
            out.target = ByteRange(start: t, end: r.end)
        }
        out.fields.insert(.target)
    }

    /// The address of `address:port` (the port after the last colon) or `[address]:port`; the
    /// whole range when it has no colon.
    static func address(_ base: UnsafePointer<UInt8>, _ r: ByteRange) -> ByteRange {
        if r.count > 2, base[r.start] == UInt8(ascii: "[") {
            var close = r.start + 1
            while close < r.end, base[close] != UInt8(ascii: "]") { close += 1 }
            if close < r.end { return ByteRange(start: r.start + 1, end: close) }
        }
        var colon = r.end - 1
        while colon >= r.start, base[colon] != UInt8(ascii: ":") { colon -= 1 }
        return colon >= r.start ? ByteRange(start: r.start, end: colon) : r
    }

    /// Non-negative decimal integer; `nil` when empty, not all digits, or over 18 digits.
    @inline(__always)
    static func integer(_ base: UnsafePointer<UInt8>, _ r: ByteRange) -> Int64? {
        guard r.count > 0, r.count <= 18 else { return nil }
        var v: Int64 = 0
        for i in r.start..<r.end {
            let d = Int64(base[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            v = v &* 10 &+ d
        }
        return v
    }

    /// Non-negative decimal number with an optional fraction, times `scale`, truncated.
    static func decimal(_ base: UnsafePointer<UInt8>, _ r: ByteRange, scale: Int64) -> Int64? {
        var dot = r.start
        while dot < r.end, base[dot] != UInt8(ascii: ".") { dot += 1 }
        guard let whole = dot == r.start && dot < r.end ? 0 : integer(base, ByteRange(start: r.start, end: dot)) else { return nil }
        var value = whole &* scale
        guard dot < r.end else { return value }
        var unit = scale
        for i in (dot + 1)..<r.end {
            let d = Int64(base[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            unit /= 10
            value &+= d &* unit
        }
        return value
    }

    // MARK: JSON lines

    private func parseJSON(
        _ base: UnsafePointer<UInt8>,
        _ n: Int,
        _ line: UnsafeRawBufferPointer,
        _ lit: UnsafePointer<UInt8>,
        _ out: inout ParsedLine,
        from start: Int = 0
    ) -> ParseFailure? {
        var scanner = JSONScanner(base: base, count: n)
        scanner.pos = start
        scanner.skipSpace()
        guard scanner.consume(UInt8(ascii: "{")) else { return .invalidJSON("a JSON-lines record must be an object", column: scanner.pos + 1) }
        scanner.skipSpace()
        if scanner.consume(UInt8(ascii: "}")) { return .missingField("timestamp", column: scanner.pos + 1) }
        if let failure = scanJSONObject(&scanner, path: [], base, line, lit, &out) { return failure }
        scanner.skipSpace()
        guard scanner.pos == n else { return .trailingData(column: scanner.pos + 1) }
        guard out.fields.contains(.time) else { return .missingField("timestamp", column: 1) }
        guard out.fields.isSuperset(of: requiredFields) else { return .missingField(Self.label(requiredFields.subtracting(out.fields)), column: 1) }
        return nil
    }

    /// The members of the object the scanner has just entered, to its closing brace. `path` is
    /// the keys of the objects around it; objects are entered only when some key is a path.
    private func scanJSONObject(
        _ scanner: inout JSONScanner,
        path: [ByteRange],
        _ base: UnsafePointer<UInt8>,
        _ line: UnsafeRawBufferPointer,
        _ lit: UnsafePointer<UInt8>,
        _ out: inout ParsedLine
    ) -> ParseFailure? {
        scanner.skipSpace()
        if scanner.consume(UInt8(ascii: "}")) { return nil }
        while true {
            scanner.skipSpace()
            guard let key = scanner.string() else { return .invalidJSON("expected a quoted key", column: scanner.pos + 1) }
            scanner.skipSpace()
            guard scanner.consume(UInt8(ascii: ":")) else { return .invalidJSON("expected ':'", column: scanner.pos + 1) }
            scanner.skipSpace()
            if hasNestedKeys, path.count < 4, scanner.pos < scanner.count, base[scanner.pos] == UInt8(ascii: "{") {
                scanner.pos += 1
                if let failure = scanJSONObject(&scanner, path: path + [key.range], base, line, lit, &out) { return failure }
            } else {
                let start = scanner.pos
                guard var value = scanner.value() else { return .invalidJSON("unreadable value", column: scanner.pos + 1) }
                let kind = path.isEmpty ? jsonField(base, key.range, lit) : nestedField(base, path, key.range, lit)
                if let kind, !value.isScalar, base[start] == UInt8(ascii: "["), let first = Self.firstString(base, scanner.count, at: start) {
                    value = first  // a header logged as a list of values: its first
                }
                if let kind, value.isScalar {
                    if value.escaped { out.hasJSONEscapes = true }
                    if kind == .timeISO {
                        if !out.fields.contains(.time), let failure = assignJSONTime(value, base, line, &out) { return failure }
                    } else if let failure = assign(kind, value.range, base, line, &out) {
                        return failure
                    }
                }
            }
            scanner.skipSpace()
            if scanner.consume(UInt8(ascii: ",")) { continue }
            guard scanner.consume(UInt8(ascii: "}")) else { return .invalidJSON("expected ',' or '}'", column: scanner.pos + 1) }
            return nil
        }
    }

    /// The first element of the array at `start` when it is a string.
    private static func firstString(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int) -> JSONScanner.Value? {
        var scanner = JSONScanner(base: base, count: count)
        scanner.pos = start + 1
        scanner.skipSpace()
        return scanner.string()
    }

    /// The field of the key `key` inside the objects `path`: a configured key written as the
    /// dotted path (`request.headers.User-Agent`).
    private func nestedField(_ base: UnsafePointer<UInt8>, _ path: [ByteRange], _ key: ByteRange, _ lit: UnsafePointer<UInt8>) -> FieldKind? {
        let length = path.reduce(key.count) { $0 + $1.count + 1 }
        candidates: for k in jsonKeys where k.count == length {
            var offset = k.start
            for segment in path {
                guard memcmp(base + segment.start, lit + offset, segment.count) == 0, lit[offset + segment.count] == UInt8(ascii: ".") else {
                    continue candidates
                }
                offset += segment.count + 1
            }
            if memcmp(base + key.start, lit + offset, key.count) == 0 { return k.kind }
        }
        return nil
    }

    /// The name of the first of `fields`, for a missing-field message.
    private static func label(_ fields: LogFields) -> String {
        let names: [(LogFields, String)] = [(.client, "client"), (.method, "method"), (.target, "target"), (.status, "status")]
        return names.first { fields.contains($0.0) }?.1 ?? "field"
    }

    private func assignJSONTime(
        _ value: JSONScanner.Value,
        _ base: UnsafePointer<UInt8>,
        _ line: UnsafeRawBufferPointer,
        _ out: inout ParsedLine
    ) -> ParseFailure? {
        let r = value.range
        let t: (seconds: Int64, offset: Int32)?
        if value.isString {
            t =
                Timestamps.parseISO8601(line, r) ?? Timestamps.parseCommonLogTime(line, r)
                ?? Self.decimal(base, r, scale: 1).map { ($0, 0) }
        } else if let v = Self.decimal(base, r, scale: 1) {
            t = (v > 100_000_000_000 ? v / 1000 : v, 0)  // milliseconds past 5138 AD are not seconds
        } else {
            t = nil
        }
        guard let t else { return invalid(.timeISO, r, base) }
        out.timestamp = t.seconds
        out.utcOffset = t.offset
        out.fields.insert(.time)
        return nil
    }

    @inline(__always)
    private func jsonField(_ base: UnsafePointer<UInt8>, _ key: ByteRange, _ lit: UnsafePointer<UInt8>) -> FieldKind? {
        let first = key.count > 0 ? base[key.start] : 0
        for k in jsonKeys where k.count == key.count && k.first == first {
            if memcmp(base + key.start, lit + k.start, k.count) == 0 { return k.kind }
        }
        return nil
    }
}
