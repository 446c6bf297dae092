import Hummingbird
import WeirCore

extension Request {
    /// The largest request body the API reads; larger ones are answered 413.
    static let maxJSONBodySize = 256 * 1024

    /// The body as JSON: 415 unless it is declared `application/json` (or a `+json` type; a body
    /// without a content type is read as JSON), 413 over ``maxJSONBodySize``, 400 when it is
    /// empty or not strict JSON (invalid UTF-8, duplicate keys and NUL characters included).
    func jsonBody() async throws -> JSONValue {
        if let type = headers[.contentType], !Self.isJSON(type) {
            throw APIError(
                .unsupportedMediaType,
                code: "unsupported_media_type",
                message: "the body is \(type); send JSON with the header Content-Type: application/json"
            )
        }
        let buffer = try await body.collect(upTo: Self.maxJSONBodySize)
        guard buffer.readableBytes > 0 else { throw APIError.badJSON("the body is empty; send a JSON object") }
        do {
            return try StrictJSONParser.parse(Array(buffer.readableBytesView))
        } catch {
            throw APIError.badJSON(error.description)
        }
    }

    /// Whether a `Content-Type` value names JSON: `application/json` or `application/…+json`,
    /// parameters such as `charset` allowed, case ignored.
    static func isJSON(_ contentType: String) -> Bool {
        let media = mediaType(contentType)
        return media == "application/json" || (media.hasPrefix("application/") && media.hasSuffix("+json"))
    }
}
