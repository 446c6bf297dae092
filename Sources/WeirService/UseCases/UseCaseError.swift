/// Why a use case refused, apart from invalid fields (``FieldErrors``): the thing it is about does
/// not exist, or cannot be used as asked. The API answers 404 or 409 with the message, the
/// dashboard a page with it.
public enum UseCaseError: Error, Sendable, Equatable {
    /// No such task, channel or run; the message says where to find the existing ones.
    case notFound(String)
    /// The request conflicts with the state (a channel that cannot send); `code` is the API's.
    case conflict(code: String, message: String)
}
