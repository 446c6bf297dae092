import WeirLog
import WeirRules

/// One `--filter` of `weir analyze`: `FIELD=VALUE` keeps the requests that match, `FIELD!=VALUE`
/// those that do not, `FIELD~TEXT` those whose field contains the text (any case), `FIELD!~TEXT`
/// the others. Fields: `status` (`404`, or a class `5xx`), `vhost`, `method` (any case),
/// `client` (an address or a CIDR range), `path` (a pattern as in `accepted_urls`: `*` within a
/// segment, `**` across them; compared with the path as the panels count it: no query, no
/// fragment, no scheme and host), `route` (one of the report's routes, or `other`: the requests
/// counted under it, each under the first route its path matches; see ``resolving(routes:)``),
/// `agent` and `referrer`. A request whose line lacks the field matches no `=` or `~` filter (and
/// every `!=`, `!~`).
public struct RequestFilter: Sendable, CustomStringConvertible {
    public enum Field: String, Sendable, CaseIterable {
        case status, vhost, method, client, path, route, agent, referrer
    }

    enum Test: Sendable {
        case statusClass(Int)
        case statusCode(Int)
        case equals([UInt8])
        case contains([UInt8])
        case range(AddressRange)
        case pattern(URLPattern)
        /// A route by its text, before the routes are known.
        case route(String)
        /// The requests whose first matching route is `routes[index - 1]`; `index` 0 for those no
        /// route matches, -1 when the route is not among them (nothing matches).
        case firstRoute(index: Int, routes: [URLPattern])
    }

    public let field: Field
    let test: Test
    let negated: Bool
    public let description: String

    /// Reads `status=5xx`, `path!=/health`, `agent~bot`…; throws a message naming what is wrong.
    public init(_ text: String) throws(RequestFilterError) {
        let name = text.prefix { $0.isLetter }
        guard let field = Field(rawValue: name.lowercased()) else {
            throw RequestFilterError(
                "--filter \(text): \(name.isEmpty ? "no field" : "'\(name)' is not a field"); use \(Field.allCases.map(\.rawValue).joined(separator: ", ")), as in status=5xx or agent~bot"
            )
        }
        let rest = text.dropFirst(name.count)
        let negated = rest.hasPrefix("!")
        let op = rest.dropFirst(negated ? 1 : 0).first
        guard op == "=" || op == "~" else {
            throw RequestFilterError("--filter \(text): write \(name)=VALUE, \(name)!=VALUE, \(name)~TEXT or \(name)!~TEXT")
        }
        let value = String(rest.dropFirst(negated ? 2 : 1))
        guard !value.isEmpty else { throw RequestFilterError("--filter \(text): give a value after \(name)\(negated ? "!" : "")\(op!)") }
        self.field = field
        self.negated = negated
        self.description = text
        self.test = try Self.test(field, contains: op == "~", value, text)
    }

    private static func test(_ field: Field, contains: Bool, _ value: String, _ text: String) throws(RequestFilterError) -> Test {
        if contains {
            guard ![.status, .client, .route].contains(field) else {
                throw RequestFilterError("--filter \(text): \(field.rawValue) takes = or !=, not ~")
            }
            return .contains(Array(value.lowercased().utf8))
        }
        switch field {
        case .status:
            let lower = value.lowercased()
            if lower.count == 3, lower.hasSuffix("xx"), let digit = lower.first?.wholeNumberValue, (1...5).contains(digit) {
                return .statusClass(digit)
            }
            guard value.count == 3, let code = Int(value), (100...599).contains(code) else {
                throw RequestFilterError("--filter \(text): a status is a code from 100 to 599 or a class such as 5xx")
            }
            return .statusCode(code)
        case .client:
            guard let range = AddressRange(value) else {
                throw RequestFilterError("--filter \(text): a client is an address or a CIDR range, such as 192.0.2.0/24 or 2001:db8::/32")
            }
            return .range(range)
        case .path:
            guard let pattern = URLPattern(value) else {
                throw RequestFilterError("--filter \(text): a path pattern starts with /, such as /api/** or /static/*.css")
            }
            return .pattern(pattern)
        case .route:
            guard value == TrafficSeriesKey.otherRoute || URLPattern(value) != nil else {
                throw RequestFilterError("--filter \(text): a route is one of the routes' patterns, such as /api/**, or other")
            }
            return .route(value)
        case .vhost, .method:
            return .equals(Array(value.lowercased().utf8))
        case .agent, .referrer:
            return .equals(Array(value.utf8))
        }
    }

    /// This filter with a `route` resolved against the report's `routes` (any other filter is
    /// returned as it is). A route that is not among them keeps no request.
    public func resolving(routes: [URLPattern]) -> RequestFilter {
        guard case .route(let name) = test else { return self }
        let index = name == TrafficSeriesKey.otherRoute ? 0 : routes.firstIndex { $0.description == name }.map { $0 + 1 } ?? -1
        return RequestFilter(field: field, test: .firstRoute(index: index, routes: routes), negated: negated, description: description)
    }

    /// The problem with the first `route` filter that names none of `routes`, or `nil`.
    public static func unknownRoute(in filters: [RequestFilter], routes: [URLPattern]) -> RequestFilterError? {
        for filter in filters {
            guard case .firstRoute(-1, _) = filter.resolving(routes: routes).test else { continue }
            let known = routes.isEmpty ? "no routes are declared" : "the routes are " + routes.map(\.description).joined(separator: ", ")
            return RequestFilterError("--filter \(filter.description): not one of the routes (\(known)); name one of them or other")
        }
        return nil
    }

    private init(field: Field, test: Test, negated: Bool, description: String) {
        self.field = field
        self.test = test
        self.negated = negated
        self.description = description
    }

    /// Whether every filter admits the request (indexed in place: no filter is copied per line).
    @inline(__always)
    public static func all(_ filters: [RequestFilter], admit parsed: borrowing ParsedLine, _ line: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < filters.count {
            if !filters[i].admits(parsed, line) { return false }
            i += 1
        }
        return true
    }

    /// Whether the request kept by the parser in `parsed` passes this filter.
    @inline(__always)
    public func admits(_ parsed: borrowing ParsedLine, _ line: UnsafeRawBufferPointer) -> Bool {
        matches(parsed, line) != negated
    }

    @inline(__always)
    private func matches(_ parsed: borrowing ParsedLine, _ line: UnsafeRawBufferPointer) -> Bool {
        let fields = parsed.fields
        switch test {
        case .statusClass(let digit):
            guard fields.contains(.status) else { return false }
            return parsed.status / 100 == digit
        case .statusCode(let code):
            guard fields.contains(.status) else { return false }
            return parsed.status == code
        case .range(let range):
            guard fields.contains(.client), let (address, _) = AddressRange.parse(bytes(line, parsed.client)) else { return false }
            return range.contains(address)
        case .pattern(let pattern):
            guard fields.contains(.target), let path = RequestTarget.path(line, parsed.target) else { return false }
            return pattern.matches(bytes(line, path))
        case .route:
            return false
        case .firstRoute(let index, let routes):
            guard index >= 0 else { return false }
            return PathPatternIndex.index(of: parsed, line: line, in: routes) == UInt64(index)
        case .equals(let value):
            guard let found = range(parsed) else { return false }
            let text = bytes(line, found)
            if field == .agent || field == .referrer { return text.elementsEqual(value) }
            return Self.equalIgnoringCase(text, value)
        case .contains(let value):
            guard let found = range(parsed) else { return false }
            return Self.contains(bytes(line, found), lowercased: value)
        }
    }

    /// The field compared by text, when the line has it.
    private func range(_ parsed: borrowing ParsedLine) -> ByteRange? {
        let fields = parsed.fields
        switch field {
        case .vhost: if fields.contains(.host) { return parsed.host }
        case .method: if fields.contains(.method) { return parsed.method }
        case .agent: if fields.contains(.userAgent) { return parsed.userAgent }
        case .referrer: if fields.contains(.referrer) { return parsed.referrer }
        case .path: if fields.contains(.target) { return parsed.target }
        case .status, .client, .route: break
        }
        return nil
    }

    private func bytes(_ line: UnsafeRawBufferPointer, _ range: ByteRange) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[range.start..<range.end])
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    static func equalIgnoringCase(_ text: UnsafeRawBufferPointer, _ lowercased: [UInt8]) -> Bool {
        text.count == lowercased.count && zip(text, lowercased).allSatisfy { lower($0) == $1 }
    }

    static func contains(_ text: UnsafeRawBufferPointer, lowercased needle: [UInt8]) -> Bool {
        guard needle.count <= text.count else { return false }
        let first = needle[0]
        var i = 0
        while i + needle.count <= text.count {
            if lower(text[i]) == first {
                var k = 1
                while k < needle.count, lower(text[i + k]) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
