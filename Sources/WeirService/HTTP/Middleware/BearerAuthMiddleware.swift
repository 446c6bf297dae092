import Foundation
import Hummingbird
import WeirCore

/// The API group's guard: its routes need `Authorization: Bearer <token>` when a token is set.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { return try await next(request, context) }
        let given = request.headers[.authorization] ?? ""
        guard let presented = Self.bearerToken(given), ConstantTime.equal(Array(presented.utf8), Array(token.utf8)) else {
            var error = APIError(
                .unauthorized,
                code: "unauthorized",
                message: given.isEmpty
                    ? "send the header Authorization: Bearer <WEIR_API_TOKEN>" : "the bearer token is not the service's WEIR_API_TOKEN"
            )
            error.headers[.wwwAuthenticate] = "Bearer realm=\"weir\""
            throw error
        }
        return try await next(request, context)
    }

    /// The token of an `Authorization` value whose scheme is `Bearer` in any case (RFC 9110 makes
    /// auth schemes case-insensitive), spaces around it ignored; `nil` for any other scheme.
    static func bearerToken(_ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " "), trimmed[..<space].lowercased() == "bearer" else { return nil }
        return trimmed[space...].trimmingCharacters(in: .whitespaces)
    }
}
