/// Where the path and the section lie inside a request target.
///
/// A section is the first path segment: `/api/user/1` → `/api`, `/` → `/`,
/// `/pages/create?x=1` → `/pages`, `http://my.site.com/pages/create` → `/pages`.
public enum RequestTarget {
    /// The path of a target: the query and fragment removed, and for an absolute URL
    /// (`http://host/…`) the scheme and authority removed. `nil` when the target is not a path
    /// (`*`, `host:443` of CONNECT, junk, or nothing).
    @inlinable public static func path(_ line: UnsafeRawBufferPointer, _ target: ByteRange) -> ByteRange? {
        guard !target.isEmpty else { return nil }
        let p = line.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var start = target.start
        let end = target.end
        if p[start] != UInt8(ascii: "/") {
            // Absolute form: scheme "://" authority path.
            var i = start
            while i < end, p[i] != UInt8(ascii: ":"), p[i] != UInt8(ascii: "/") { i += 1 }
            guard i + 2 < end, p[i] == UInt8(ascii: ":"), p[i + 1] == UInt8(ascii: "/"), p[i + 2] == UInt8(ascii: "/") else { return nil }
            i += 3
            while i < end, p[i] != UInt8(ascii: "/"), p[i] != UInt8(ascii: "?"), p[i] != UInt8(ascii: "#") { i += 1 }
            guard i < end, p[i] == UInt8(ascii: "/") else { return ByteRange(start: i, end: i) }
            start = i
        }
        var stop = start
        while stop < end, p[stop] != UInt8(ascii: "?"), p[stop] != UInt8(ascii: "#") { stop += 1 }
        return ByteRange(start: start, end: stop)
    }

    /// The section of a target (see the type's documentation); `nil` when the target has no path.
    /// An absolute URL with an empty path has the section `/`, returned as an empty range.
    @inlinable public static func section(_ line: UnsafeRawBufferPointer, _ target: ByteRange) -> ByteRange? {
        path(line, target).map { section(line, path: $0) }
    }

    /// The section of a path already found by ``path(_:_:)``.
    @inlinable public static func section(_ line: UnsafeRawBufferPointer, path: ByteRange) -> ByteRange {
        guard !path.isEmpty else { return path }
        let p = line.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var i = path.start + 1
        while i < path.end, p[i] != UInt8(ascii: "/") { i += 1 }
        return ByteRange(start: path.start, end: i)
    }

    /// The section of a target given as text; `-` when it has no path.
    public static func section(of target: String) -> String {
        var bytes = Array(target.utf8)
        return bytes.withUnsafeMutableBytes { raw in
            let buffer = UnsafeRawBufferPointer(raw)
            guard let range = section(buffer, ByteRange(start: 0, end: buffer.count)) else { return "-" }
            return range.isEmpty ? "/" : buffer.string(range)
        }
    }
}
