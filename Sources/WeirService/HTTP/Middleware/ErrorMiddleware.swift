import Foundation
import Hummingbird

/// Turns every error a route throws into ``APIError``'s shape: Hummingbird's own errors (404 for
/// an unknown path, 405, 413 for a body over the limit) and unexpected ones (500, logged).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The router's routes, to answer a known path with a wrong method 405 rather than 404.
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw translate(error.status, message: error.body, request)
        } catch let error as any HTTPResponseError {
            throw translate(error.status, message: nil, request)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw APIError(.internalServerError, code: "internal_error", message: "the request failed inside Weir; the service log has the details")
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
            return APIError(
                status,
                code: status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"),
                message: message ?? status.reasonPhrase
            )
        }
    }
}
