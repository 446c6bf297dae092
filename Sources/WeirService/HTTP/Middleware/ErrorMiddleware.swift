import Foundation
import Hummingbird
import Logging
import WeirCore

/// Turns every error a route throws into ``APIError``'s shape: the use cases' refusals (422 with a
/// message per field, 404, 409), Hummingbird's own errors (404 for an unknown path, 405, 413 for a
/// body over the limit) and unexpected ones (500, logged).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The router's routes, to answer a known path with a wrong method 405 rather than 404.
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            throw Self.apiError(for: error, request, logger: context.logger, translate: translate)
        }
    }

    /// `error` as the API answers it; `translate` shapes Hummingbird's statuses.
    static func apiError(
        for error: any Error,
        _ request: Request,
        logger: Logger,
        translate: (HTTPResponse.Status, String?, Request) -> APIError
    ) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as FieldErrors: return .invalid(error)
        case UseCaseError.notFound(let message): return .notFound(message)
        case UseCaseError.conflict(let code, let message): return APIError(.conflict, code: code, message: message)
        case let error as HTTPError: return translate(error.status, error.body, request)
        case let error as any HTTPResponseError: return translate(error.status, nil, request)
        default:
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return APIError(.internalServerError, code: "internal_error", message: "the request failed inside Weir; the service log has the details")
        }
    }

    func translate(_ status: HTTPResponse.Status, message: String?, _ request: Request) -> APIError {
        switch status {
        case .notFound, .methodNotAllowed:
            let allowed = routes.allowedMethods(for: request.uri.path)
            guard !allowed.isEmpty else {
                return .notFound("no route \(request.method) \(request.uri.path); GET /openapi.json lists the routes")
            }
            var error = APIError(
                .methodNotAllowed,
                code: "method_not_allowed",
                message: "\(request.method) is not allowed on \(request.uri.path); use \(allowed.joined(separator: " or "))"
            )
            error.headers[.allow] = allowed.joined(separator: ", ")
            return error
        case .contentTooLarge:
            return APIError(.contentTooLarge, code: "body_too_large", message: "the body is larger than \(Request.maxJSONBodySize / 1024) KiB")
        default:
            return Self.statusError(status, message: message)
        }
    }

    /// An error of `status`, its code the reason phrase in snake case.
    static func statusError(_ status: HTTPResponse.Status, message: String?) -> APIError {
        APIError(status, code: status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"), message: message ?? status.reasonPhrase)
    }
}
