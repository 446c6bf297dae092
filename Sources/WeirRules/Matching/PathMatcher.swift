/// One match of a compiled ``URLPattern`` against a path, on borrowed bytes: nothing is copied
/// or counted per call. A position in the path is where a part (the bytes between two `/`)
/// starts; past `path.count`, no parts are left.
struct PathMatcher {
    /// One segment of a pattern: `**`, or a glob whose bytes are `literal[start..<end]`.
    struct Segment: Sendable, Hashable {
        let start: Int
        let end: Int
        let isAny: Bool
    }

    let segments: UnsafeBufferPointer<Segment>
    let literal: UnsafeBufferPointer<UInt8>
    let path: UnsafeRawBufferPointer
    private let remembersFailures: Bool
    /// The (segment, position) pairs known not to match, when the pattern remembers them.
    private var failed: Set<Int> = []

    init(segments: UnsafeBufferPointer<Segment>, literal: UnsafeBufferPointer<UInt8>, path: UnsafeRawBufferPointer, remembersFailures: Bool) {
        self.segments = segments
        self.literal = literal
        self.path = path
        self.remembersFailures = remembersFailures
    }

    /// Whether the whole pattern matches the path's parts.
    mutating func matches() -> Bool {
        match(0, path.count > 0 && path[0] == UInt8(ascii: "/") ? 1 : 0)
    }

    /// Whether the segments from `index` match the parts from `position`.
    private mutating func match(_ index: Int, _ position: Int) -> Bool {
        var (index, position) = (index, position)
        while index < segments.count {
            let segment = segments[index]
            if segment.isAny { return matchAny(index, position) }
            guard position <= path.count, let end = glob(segment, position) else { return false }
            (index, position) = (index + 1, end + 1)
        }
        return position > path.count
    }

    /// `**` at `index`: the rest of the pattern from each part on, none skipped first. When the
    /// pattern remembers failures, a position from which this `**` already failed ends the search
    /// (it failed from every later part too), and every position tried is remembered on failure,
    /// so each is tried once per `**`.
    private mutating func matchAny(_ index: Int, _ position: Int) -> Bool {
        if index + 1 == segments.count { return true }
        var tried: [Int] = []
        var at = position
        while true {
            let state = index * (path.count + 2) + at
            if failed.contains(state) { break }
            if match(index + 1, at) { return true }
            if remembersFailures { tried.append(state) }
            if at > path.count { break }
            at = partEnd(at) + 1
        }
        if remembersFailures { failed.formUnion(tried) }
        return false
    }

    /// Where the part starting at `position` ends: the next `/`, or the end of the path.
    private func partEnd(_ position: Int) -> Int {
        var i = position
        while i < path.count, path[i] != UInt8(ascii: "/") { i += 1 }
        return i
    }

    /// Matches the glob against the part starting at `start`: `*` is any run of bytes but `/`,
    /// retried from the last `*` on a mismatch (at most glob × part steps). The part's end when
    /// it matches; `nil` at the first byte that cannot.
    private func glob(_ segment: Segment, _ start: Int) -> Int? {
        var (i, j) = (segment.start, start)
        var (star, mark) = (-1, start)
        while j < path.count, path[j] != UInt8(ascii: "/") {
            if i < segment.end, literal[i] == UInt8(ascii: "*") {
                (star, mark) = (i, j)
                i += 1
            } else if i < segment.end, literal[i] == path[j] {
                (i, j) = (i + 1, j + 1)
            } else if star >= 0 {
                mark += 1
                (i, j) = (star + 1, mark)
            } else {
                return nil
            }
        }
        while i < segment.end, literal[i] == UInt8(ascii: "*") { i += 1 }
        return i == segment.end ? j : nil
    }
}
