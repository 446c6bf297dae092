import Foundation
import HTTPTypes
import Hummingbird
import WeirCore

/// The opaque `?after=` cursor of one list, and the `Link: <…>; rel="next"` header that names the
/// next page. A cursor is the last row's id with the list's name, base64url-encoded, so that a
/// page is an index range scan whatever the table's size and a cursor of one list is refused by
/// another.
struct PageCursor {
    /// The `Link` header (RFC 8288).
    static let linkHeader = HTTPField.Name("Link")!

    /// The list's name inside its cursors (`tasks`, `runs`, `findings`).
    let list: String

    func encode(_ id: Int64) -> String {
        Data("\(list):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The id in the request's `after`, `nil` without one; an invalid cursor is added to `errors`.
    func decode(_ request: Request, _ errors: inout FieldErrors) -> Int64? {
        guard let text = request.uri.queryParameters.get("after") else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 64, let data = Data(base64Encoded: base64),
            let decoded = String(data: data, encoding: .utf8), decoded.hasPrefix("\(list):"),
            let id = Int64(decoded.dropFirst(list.count + 1)), id > 0
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
