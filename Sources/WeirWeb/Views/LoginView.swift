/// The login page: a token field, and where to go once logged in.
public struct LoginView: PageView {
    public static let template = "login"
    public let title = "Log in"
    /// A local path to return to.
    public let next: String
    /// Why the last attempt failed.
    public let problem: String?

    public init(next: String, problem: String? = nil) {
        self.next = next
        self.problem = problem
    }
}
