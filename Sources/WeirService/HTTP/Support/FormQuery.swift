import Foundation

/// A query string as an HTML form sends it (`application/x-www-form-urlencoded`): `+` is a space
/// and `%2B` a plus, which a query's parameters decoded as a URI's (where `+` stays `+`) confuse.
/// Fields may repeat (`filter=a&filter=b`).
struct FormQuery {
    private let fields: [(name: String, value: String)]

    init(_ query: String?) {
        fields = (query ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// Every value of `name`, in order.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// The first value of `name`.
    func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// `+` as a space, then `%XX` escapes; a malformed escape leaves the text as sent.
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
