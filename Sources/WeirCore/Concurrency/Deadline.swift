/// Bounding how long async work may take, and work that must finish even while its caller is
/// being cancelled.
public enum Deadline {
    /// Thrown by ``run(seconds:_:)`` when the time ran out before `body` finished.
    public struct Exceeded: Error, Sendable, Equatable {
        public let seconds: Double
    }

    /// Runs `body`; after `seconds` of real time it is cancelled and, once it has wound down,
    /// ``Exceeded`` is thrown instead of its result. Cancelling the caller cancels `body` as usual.
    public static func run<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .saturatingSeconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            while let first = try await group.next() {
                if let value = first { return value }
                group.cancelAll()
                // The timer won: let `body` see its cancellation and end, then report the timeout.
                while (try? await group.next()) != nil {}
                throw Exceeded(seconds: seconds)
            }
            throw CancellationError()
        }
    }

    /// Runs `body` in a task of its own that the caller's cancellation does not reach (a
    /// shutdown must still record the run it stopped), giving it at most `seconds` (then
    /// ``Exceeded``).
    public static func uncancelled(seconds: Double, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await Shielded.run { try await run(seconds: seconds, body) }
    }
}
