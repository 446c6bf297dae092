/// What the layout around every page shows.
struct LayoutView {
    let title: String
    /// The page's HTML, rendered (and escaped) by its own template.
    let body: String
    let signedIn: Bool
    let canSignOut: Bool
    let styleURL: String
    let scriptURL: String
    let iconURL: String
    let version: String
}
