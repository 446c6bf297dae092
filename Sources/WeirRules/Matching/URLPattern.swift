/// A path pattern of the `accepted_urls` rule: `*` matches any run of characters within one path
/// segment, `**` as a whole segment matches any number of segments (none included). The query
/// string of a request is never compared.
public struct URLPattern: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case any  // `**`
        case glob([UInt8])
    }

    let segments: [Segment]
    public let description: String

    /// Compiles `text`, which must start with `/`; `nil` otherwise.
    public init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        description = text
        let withoutQuery = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        segments = withoutQuery.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0 == "**" ? .any : .glob(Array($0.utf8))
        }
    }

    /// Whether the path (bytes from `/`, no query) matches.
    public func matches(_ path: UnsafeRawBufferPointer) -> Bool {
        var parts: [UnsafeRawBufferPointer] = []
        var start = path.count > 0 && path[0] == UInt8(ascii: "/") ? 1 : 0
        var i = start
        while i <= path.count {
            if i == path.count || path[i] == UInt8(ascii: "/") {
                parts.append(UnsafeRawBufferPointer(rebasing: path[start..<i]))
                start = i + 1
            }
            i += 1
        }
        return match(segments[...], parts[...])
    }

    /// Whether the path given as text matches.
    public func matches(_ path: String) -> Bool {
        var bytes = Array(path.utf8)
        return bytes.withUnsafeMutableBytes { matches(UnsafeRawBufferPointer($0)) }
    }

    private func match(_ pattern: ArraySlice<Segment>, _ parts: ArraySlice<UnsafeRawBufferPointer>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        switch first {
        case .any:
            var rest = parts
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        case .glob(let glob):
            guard let part = parts.first, Self.glob(glob[...], part[...]) else { return false }
            return match(pattern.dropFirst(), parts.dropFirst())
        }
    }

    /// `*` within one segment: any run of bytes.
    static func glob(_ pattern: ArraySlice<UInt8>, _ text: Slice<UnsafeRawBufferPointer>) -> Bool {
        guard let p = pattern.first else { return text.isEmpty }
        if p == UInt8(ascii: "*") {
            var rest = text
            while true {
                if glob(pattern.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let t = text.first, t == p else { return false }
        return glob(pattern.dropFirst(), text.dropFirst())
    }
}
