/// Work that must finish even while its caller is being cancelled: a transaction's `COMMIT` or
/// `ROLLBACK` whose real outcome is needed, closing the store at shutdown, recording the run a
/// shutdown stopped. The one place Weir starts a task outside structured concurrency, since Swift
/// has no cancellation shield: the work runs in a detached task and the caller waits for it.
public enum Shielded {
    /// Runs `body` where the caller's cancellation does not reach it, and returns its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task.detached { try await body() }.value
    }
}
