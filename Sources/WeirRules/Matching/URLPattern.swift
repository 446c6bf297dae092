/// A path pattern of the `accepted_urls` rule: `*` matches any run of characters within one path
/// segment, `**` as a whole segment matches any number of segments (none included). The query
/// string of a request is never compared.
///
/// Matching reads the path's bytes in place and allocates nothing, except for a pattern with two
/// or more `**` that are not last, which remembers where each failed. For a given pattern its time
/// grows in proportion to the path's length, however the path is crafted, never exponentially.
public struct URLPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern's segments, repeated `**` collapsed into one.
    let segments: [PathMatcher.Segment]
    /// The bytes of the pattern's globs.
    let literal: [UInt8]
    /// Whether two or more `**` are not the last segment: then failed states are remembered.
    let remembersFailures: Bool
    public let description: String

    /// Compiles `text`, which must start with `/`; `nil` otherwise.
    public init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        description = text
        let withoutQuery = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        var segments: [PathMatcher.Segment] = []
        var literal: [UInt8] = []
        for part in withoutQuery.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            if part == "**" {
                if segments.last?.isAny != true { segments.append(PathMatcher.Segment(start: 0, end: 0, isAny: true)) }
            } else {
                let start = literal.count
                literal.append(contentsOf: part.utf8)
                segments.append(PathMatcher.Segment(start: start, end: literal.count, isAny: false))
            }
        }
        self.segments = segments
        self.literal = literal
        remembersFailures = segments.dropLast().filter(\.isAny).count > 1
    }

    /// Whether the path (bytes from `/`, no query) matches.
    public func matches(_ path: UnsafeRawBufferPointer) -> Bool {
        literal.withUnsafeBufferPointer { literal in
            segments.withUnsafeBufferPointer { segments in
                var matcher = PathMatcher(segments: segments, literal: literal, path: path, remembersFailures: remembersFailures)
                return matcher.matches()
            }
        }
    }

    /// Whether the path given as text matches.
    public func matches(_ path: String) -> Bool {
        var bytes = Array(path.utf8)
        return bytes.withUnsafeMutableBytes { matches(UnsafeRawBufferPointer($0)) }
    }
}
