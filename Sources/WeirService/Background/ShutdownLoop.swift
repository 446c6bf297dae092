import ServiceLifecycle

/// Runs a service's `loop` until graceful shutdown (or cancellation) stops it; the
/// `CancellationError` its sleep throws then is the normal end, not a failure.
func loopUntilShutdown(_ loop: @escaping @Sendable () async throws -> Void) async throws {
    do {
        try await cancelWhenGracefulShutdown { try await loop() }
    } catch is CancellationError {
        // Shutting down: the loop was cancelled between ticks.
    }
}
