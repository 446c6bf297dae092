import WeirCore
import WeirLog
import WeirRules

/// Gives a request's route: the first of a task's route patterns its path matches. A path is
/// matched once, then found in a table of the paths seen (up to ``pathsRemembered``; past it,
/// new paths are matched each time). Used by one run on one thread.
final class RouteMatcher {
    private let routes: [URLPattern]
    private let paths = ByteKeyCounter(capacity: 256)
    /// The route index (0 for `other`, k for `routes[k - 1]`) of each path in `paths`, by id.
    private var pathRoutes: [UInt64] = []
    static let pathsRemembered = 100_000

    init(_ routes: [URLPattern]) {
        self.routes = routes
    }

    /// The index of the first route the line's path matches, from 1; 0 for none.
    func index(_ line: UnsafeRawBufferPointer, _ parsed: ParsedLine) -> UInt64 {
        guard parsed.fields.contains(.target), let range = RequestTarget.path(line, parsed.target) else { return 0 }
        let path = UnsafeRawBufferPointer(rebasing: line[range.start..<range.end])
        if paths.distinctCount >= Self.pathsRemembered, paths.id(of: path) == nil { return match(path) }
        let id = paths.add(path)
        if id == pathRoutes.count { pathRoutes.append(match(path)) }
        return pathRoutes[id]
    }

    /// The label of route `index` (as ``index(_:_:)`` gives it).
    func name(_ index: Int) -> String {
        index == 0 ? TrafficSeriesKey.otherRoute : routes[index - 1].description
    }

    private func match(_ path: UnsafeRawBufferPointer) -> UInt64 {
        routes.firstIndex { $0.matches(path) }.map { UInt64($0 + 1) } ?? 0
    }
}
