import Foundation
import HTTPTypes
import Hummingbird
import WeirCore

/// The opaque `?after=` cursor of one list, and the `Link: <…>; rel="next"` header that names the
/// next page. A cursor is the list's letter and the last row's id in base 36 (`t1z`), so that a
/// page is an index range scan whatever the table's size, a cursor of one list is refused by
/// another, and every string the OpenAPI pattern allows is a cursor (the id may be past the end).
struct PageCursor {
    /// The `Link` header (RFC 8288).
    static let linkHeader = HTTPField.Name("Link")!

    /// The lists that page, each with the letter its cursors start with.
    enum List: Character {
        case tasks = "t"
        case runs = "r"
        case findings = "f"
        case incidents = "i"
        case notifications = "n"

        /// The cursor's pattern, as the OpenAPI document states it: twelve base-36 digits at most,
        /// so every match is below 2^63.
        var pattern: String { "^\(rawValue)[0-9a-z]{1,12}$" }
    }

    let list: List

    func encode(_ id: Int64) -> String { "\(list.rawValue)\(String(id, radix: 36))" }

    /// The id in the request's `after`, `nil` without one; an invalid cursor is added to `errors`.
    func decode(_ request: Request, _ errors: inout FieldErrors) -> Int64? {
        guard let text = request.uri.queryParameters.get("after") else { return nil }
        let digits = text.dropFirst()
        guard text.first == list.rawValue, (1...12).contains(digits.count),
            digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLowercase) }),
            let id = Int64(digits, radix: 36)
        else {
            errors.add("after", "is not a cursor of this list; use the one in the previous page's Link header")
            return nil
        }
        return id
    }

    /// A `Link` header value for the page after row `id`: the request's path and parameters with
    /// `after` replaced.
    func nextLink(_ request: Request, after id: Int64) -> String {
        var parts = URLComponents()
        parts.path = request.uri.path
        var items = request.uri.queryParameters.filter { $0.key != "after" }.map {
            URLQueryItem(name: String($0.key), value: String($0.value))
        }
        items.sort { $0.name < $1.name }
        items.append(URLQueryItem(name: "after", value: encode(id)))
        parts.queryItems = items
        return "<\(parts.string ?? request.uri.path)>; rel=\"next\""
    }

    /// The JSON response of a page: `rows` holds up to `limit + 1` rows; the extra one only says
    /// there is a next page, whose link goes in the `Link` header.
    func response<Row, Body: Encodable>(
        _ request: Request,
        rows: [Row],
        limit: Int,
        id: (Row) -> Int64,
        body: ([Row]) -> Body
    ) throws -> Response {
        let page = Array(rows.prefix(limit))
        var response = try Response.json(body(page))
        if rows.count > limit, let last = page.last { response.headers[Self.linkHeader] = nextLink(request, after: id(last)) }
        return response
    }
}
