/// A page that says what went wrong (no such task, a refused request) and where to go.
public struct ErrorView: PageView {
    public static let template = "error"
    public var title: String { heading }
    public let heading: String
    public let message: String

    public init(heading: String, message: String) {
        self.heading = heading
        self.message = message
    }
}
