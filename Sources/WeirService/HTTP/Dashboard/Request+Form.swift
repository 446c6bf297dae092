import Foundation
import HTTPTypes
import Hummingbird

extension Request {
    /// The largest form body the dashboard reads.
    static let maxFormBodySize = 64 * 1024

    /// The body of an HTML form (`application/x-www-form-urlencoded`) as its fields; 415 for any
    /// other type, 413 over ``maxFormBodySize``, 400 when it does not decode.
    func formFields() async throws -> [String: String] {
        guard headers[.contentType].map(Self.mediaType) == "application/x-www-form-urlencoded" else {
            throw APIError(
                .unsupportedMediaType,
                code: "unsupported_media_type",
                message: "the dashboard's forms send application/x-www-form-urlencoded; the JSON API is under /tasks"
            )
        }
        let buffer = try await body.collect(upTo: Self.maxFormBodySize)
        do {
            return try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: buffer))
        } catch {
            throw APIError(.badRequest, code: "invalid_form", message: "the form body does not decode: \(error)")
        }
    }

    /// Whether the request comes from a page of this service: `Sec-Fetch-Site: same-origin`, or
    /// else an `Origin` whose host and port are the request's own. A request with neither is not.
    var isSameOrigin: Bool {
        if let site = headers[HTTPField.Name("Sec-Fetch-Site")!] { return site == "same-origin" }
        guard let origin = headers[.origin], let authority = head.authority,
            let components = URLComponents(string: origin), let host = components.host
        else { return false }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(host)\(port)".lowercased() == authority.lowercased()
    }
}
