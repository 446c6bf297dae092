import Mustache
import WeirCore

/// Renders the dashboard's pages: a page's template with its view model, inside the layout.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    private let assets: DashboardAssets

    /// Parses every template once. The templates are constants of this library and a test renders
    /// each, so a parse error is a defect found before release.
    public init(assets: DashboardAssets = DashboardAssets()) {
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            do { try library.register(text, named: name) } catch { fatalError("the dashboard template \(name) does not parse: \(error)") }
        }
        self.library = library
        self.assets = assets
    }

    /// `object` rendered with the template `name` alone (no layout).
    func render(_ object: Any, template name: String) -> String {
        library.render(object, withTemplate: name) ?? ""
    }

    /// The whole HTML document of `page`. `signedIn` shows the menu; `canSignOut` the logout button
    /// (not when the service has no token).
    public func render(_ page: some PageView, signedIn: Bool, canSignOut: Bool) -> String {
        let body = library.render(page, withTemplate: type(of: page).template) ?? ""
        let layout = LayoutView(
            title: page.title,
            body: body,
            signedIn: signedIn,
            canSignOut: canSignOut,
            styleURL: assets.url(of: .style),
            scriptURL: assets.url(of: .script),
            iconURL: assets.url(of: .icon),
            version: WeirVersion.current
        )
        return library.render(layout, withTemplate: "layout") ?? ""
    }
}
