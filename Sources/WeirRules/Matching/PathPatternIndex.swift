import WeirCore
import WeirLog

/// Which of some path patterns a path matches first, remembered per distinct path: a path is
/// matched once, then found in a table of the paths seen (up to ``pathsRemembered``; past it, new
/// paths are matched each time, so memory stays bounded). The `accepted_urls` rule and the
/// traffic meter's routes both ask it. Used by one run on one thread.
public final class PathPatternIndex {
    public let patterns: [URLPattern]
    private let paths = ByteKeyCounter(capacity: 1024)
    /// The answer for each path in `paths`, by its id.
    private var answers: [UInt64] = []
    public static let pathsRemembered = 100_000

    public init(_ patterns: [URLPattern]) {
        self.patterns = patterns
    }

    /// The index of the first pattern `path` (bytes from `/`, no query) matches, counted from
    /// 1; 0 when none does.
    public func index(of path: UnsafeRawBufferPointer) -> UInt64 {
        if paths.distinctCount >= Self.pathsRemembered, paths.id(of: path) == nil { return match(path) }
        let id = paths.add(path)
        if id == answers.count { answers.append(match(path)) }
        return answers[id]
    }

    /// The route of a parsed line (`line` its bytes), remembered as ``index(of:)``: 0 when the
    /// line has no path.
    public func index(of parsed: borrowing ParsedLine, line: UnsafeRawBufferPointer) -> UInt64 {
        guard parsed.fields.contains(.target), let path = RequestTarget.path(line, parsed.target) else { return 0 }
        return index(of: line.slice(path))
    }

    private func match(_ path: UnsafeRawBufferPointer) -> UInt64 {
        Self.index(of: path, in: patterns)
    }

    /// The route of a parsed line (`line` its bytes): the index of the first of `patterns` that
    /// its path (``RequestTarget/path(_:_:)``) matches, counted from 1; 0 when none does or the
    /// line has no path. Unremembered, as ``index(of:in:)``.
    public static func index(of parsed: borrowing ParsedLine, line: UnsafeRawBufferPointer, in patterns: [URLPattern]) -> UInt64 {
        guard parsed.fields.contains(.target), let path = RequestTarget.path(line, parsed.target) else { return 0 }
        return index(of: line.slice(path), in: patterns)
    }

    /// The index of the first of `patterns` that `path` matches, counted from 1; 0 when none
    /// does. Unremembered: for callers that ask once per distinct path already.
    public static func index(of path: UnsafeRawBufferPointer, in patterns: [URLPattern]) -> UInt64 {
        patterns.firstIndex { $0.matches(path) }.map { UInt64($0 + 1) } ?? 0
    }
}
