import Hummingbird
import WeirCore

/// The `?limit=` of a list: a whole number from 1 to 1000, 100 when absent.
enum ListLimit {
    static let defaultLimit = 100
    /// The largest page a client may ask for.
    static let maximum = 1000

    /// The request's limit; an invalid one is added to `errors` (and the default returned).
    static func of(_ request: Request, _ errors: inout FieldErrors) -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return defaultLimit }
        guard let n = Int(text), (1...maximum).contains(n) else {
            errors.add("limit", "must be a whole number from 1 to \(maximum), got \"\(text)\"")
            return defaultLimit
        }
        return n
    }
}
