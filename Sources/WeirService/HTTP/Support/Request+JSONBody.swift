import Foundation
import Hummingbird
import WeirCore

extension Request {
    /// The largest request body the API reads; larger ones are answered 413.
    static let maxJSONBodySize = 256 * 1024

    /// The body as JSON: 413 over ``maxJSONBodySize``, 400 when it is empty or not JSON.
    func jsonBody() async throws -> JSONValue {
        let buffer = try await body.collect(upTo: Self.maxJSONBodySize)
        guard buffer.readableBytes > 0 else { throw APIError.badJSON("the body is empty; send a JSON object") }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.dataCorrupted(context) {
            let detail = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw APIError.badJSON(detail ?? context.debugDescription)
        } catch {
            throw APIError.badJSON("\(error)")
        }
    }
}
