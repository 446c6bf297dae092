import Hummingbird
import WeirWeb

/// Pages as responses: the page rendered inside the layout, with the menu, and the logout button
/// when there are sessions.
struct DashboardRenderer: Sendable {
    let pages: PageRenderer
    let sessions: DashboardSessions

    func response(_ page: some PageView, status: HTTPResponse.Status = .ok, signedIn: Bool = true) -> Response {
        .html(pages.render(page, signedIn: signedIn, canSignOut: sessions.isRequired), status: status)
    }
}
