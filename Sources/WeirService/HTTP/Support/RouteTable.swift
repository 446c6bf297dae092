import Hummingbird
import Synchronization

/// The routes a router holds, as method and path pattern, so that a known path asked with a
/// method it does not take is answered 405 with `Allow`, not 404.
final class RouteTable: Sendable {
    private struct Route: Sendable {
        let method: HTTPRequest.Method
        let segments: [String]
    }

    private let routes = Mutex<[Route]>([])

    /// Records the router's routes; call once every route is added.
    func record(_ descriptions: [Router<BasicRequestContext>.RouteDescription]) {
        let recorded = descriptions.map { Route(method: $0.method, segments: Self.segments($0.path.description)) }
        routes.withLock { $0 = recorded }
    }

    /// The methods some route takes on `path`, sorted; empty when no route has that path.
    func allowedMethods(for path: String) -> [String] {
        let asked = Self.segments(path)
        let methods = routes.withLock { routes in
            routes.filter { route in
                route.segments.count == asked.count
                    && zip(route.segments, asked).allSatisfy { pattern, segment in
                        pattern.hasPrefix("{") || pattern.hasPrefix(":") ? !segment.isEmpty : pattern == segment
                    }
            }
            .map(\.method.rawValue)
        }
        return Array(Set(methods)).sorted()
    }

    private static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}
