import Hummingbird

/// The routes of one resource, mounted by ``WeirServer/makeRouter()`` in the route group whose
/// middleware it needs (the API's bearer token, or none for probes).
///
/// A new resource is a new controller in its own file and one line in `makeRouter()`.
protocol APIController: Sendable {
    /// The controller's routes, with paths relative to the group it is mounted in.
    var routes: RouteCollection<BasicRequestContext> { get }
}
