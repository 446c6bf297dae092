/// A page of the dashboard: a view model rendered with its Mustache template inside the layout.
public protocol PageView: Sendable {
    /// The name of its template in ``Templates/all``.
    static var template: String { get }
    /// The page's title, before " · Weir".
    var title: String { get }
}
