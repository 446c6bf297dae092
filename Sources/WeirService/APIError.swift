import Foundation
import Hummingbird
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
        return APIError(.unprocessableContent, code: "validation_failed",
                        message: count == 1 ? "1 field is invalid" : "\(count) fields are invalid", fields: errors.messages)
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
        let data = try JSONCoding.encoder.encode(Body(error: .init(code: code, message: message, fields: fields)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every error a route throws into ``APIError``'s shape: Hummingbird's own errors (404 for
/// an unknown path, 405, 413 for a body over the limit) and unexpected ones (500, logged).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw Self.translate(error.status, message: error.body, request)
        } catch let error as any HTTPResponseError {
            throw Self.translate(error.status, message: nil, request)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw APIError(.internalServerError, code: "internal_error", message: "the request failed inside Weir; the service log has the details")
        }
    }

    static func translate(_ status: HTTPResponse.Status, message: String?, _ request: Request) -> APIError {
        switch status {
        case .notFound:
            return .notFound("no route \(request.method) \(request.uri.path); GET /openapi.json lists the routes")
        case .contentTooLarge:
            return APIError(.contentTooLarge, code: "body_too_large", message: "the body is larger than \(APIRoutes.maxBodySize / 1024) KiB")
        case .methodNotAllowed:
            return APIError(.methodNotAllowed, code: "method_not_allowed", message: "\(request.method) is not allowed on \(request.uri.path)")
        default:
            return APIError(status, code: status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"),
                            message: message ?? status.reasonPhrase)
        }
    }
}

/// Every route but `/health` and `/metrics` needs `Authorization: Bearer <token>` when a token is set.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?
    static var openPaths: Set<String> { ["/health", "/metrics"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, !Self.openPaths.contains(request.uri.path) else { return try await next(request, context) }
        let given = request.headers[.authorization] ?? ""
        guard given.hasPrefix("Bearer "), Self.constantTimeEqual(Array(given.utf8.dropFirst(7)), Array(token.utf8)) else {
            var error = APIError(.unauthorized, code: "unauthorized",
                                 message: given.isEmpty ? "send the header Authorization: Bearer <WEIR_API_TOKEN>" : "the bearer token is not the service's WEIR_API_TOKEN")
            error.headers[.wwwAuthenticate] = "Bearer realm=\"weir\""
            throw error
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) { difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0) }
        return difference == 0
    }
}

/// The JSON coders of the API.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}
