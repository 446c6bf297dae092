import Foundation
import Hummingbird
import WeirCore
import WeirRules

/// An error answered as `{"error":{"code":"…","message":"…","fields":{…}}}` with its status.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let fields: [String: String]
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, message: String, fields: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }

    /// 422 with a message per field.
    public static func invalid(_ errors: FieldErrors) -> APIError {
        let count = errors.messages.count
        return APIError(
            .unprocessableContent,
            code: "validation_failed",
            message: count == 1 ? "1 field is invalid" : "\(count) fields are invalid",
            fields: errors.messages
        )
    }

    public static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message: message)
    }

    public static func badJSON(_ detail: String) -> APIError {
        APIError(.badRequest, code: "invalid_json", message: "the body is not valid JSON: \(detail)")
    }

    struct Body: Encodable {
        struct Inner: Encodable {
            let code: String
            let message: String
            let fields: [String: String]
        }
        let error: Inner
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try body())))
    }

    /// The JSON body alone, for answers written below the router (a header overflow).
    func body() throws -> Data {
        try JSONCoding.encoder.encode(Body(error: .init(code: code, message: message, fields: fields)))
    }
}
