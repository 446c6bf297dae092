import Hummingbird

/// The `{id}` path parameter of a resource other than a task.
enum IDParameter {
    /// The id; 404 naming `what` and the list that shows them unless it is a positive integer.
    static func of(_ context: BasicRequestContext, _ what: String, list: String) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else {
            throw APIError.notFound("no \(what) \"\(text)\"; \(what) ids are positive integers, GET \(list) lists them")
        }
        return id
    }
}
