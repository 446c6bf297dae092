import Synchronization

/// A gate that tasks wait at until something is ready (the store's schema migrated), or that
/// throws its failure to them. Once opened or failed it stays so. A waiting task that is
/// cancelled stops waiting with `CancellationError`.
public final class ReadinessGate: Sendable {
    private enum State {
        case waiting([Int: CheckedContinuation<Void, any Error>])
        case open
        case failed(any Error)
    }

    private let state = Mutex<State>(.waiting([:]))
    private let nextWaiter = Atomic<Int>(0)

    public init() {}

    /// Lets every waiting task, and every later one, through.
    public func open() { settle(.open) }

    /// Throws `error` to every waiting task, and every later one.
    public func fail(_ error: any Error) { settle(.failed(error)) }

    /// Returns once the gate is open; throws its failure, or `CancellationError` when the task
    /// is cancelled while waiting.
    public func wait() async throws {
        let id = nextWaiter.wrappingAdd(1, ordering: .relaxed).oldValue
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    switch state {
                    case .open: return .success(())
                    case .failed(let error): return .failure(error)
                    case .waiting(var waiters):
                        if Task.isCancelled { return .failure(CancellationError()) }
                        waiters[id] = continuation
                        state = .waiting(waiters)
                        return nil
                    }
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Void, any Error>? = state.withLock { state in
                guard case .waiting(var waiters) = state, let waiter = waiters.removeValue(forKey: id) else { return nil }
                state = .waiting(waiters)
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func settle(_ settled: State) {
        let waiters: [CheckedContinuation<Void, any Error>] = state.withLock { state in
            guard case .waiting(let waiters) = state else { return [] }
            state = settled
            return Array(waiters.values)
        }
        for waiter in waiters {
            switch settled {
            case .failed(let error): waiter.resume(throwing: error)
            default: waiter.resume()
            }
        }
    }
}
