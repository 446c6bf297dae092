/// A counting semaphore for async code: at most `permits` holders at a time, waiters served in
/// order. With one permit it guards the SQLite writer connection; the service uses it to bound
/// how many task runs go at once.
public actor AsyncSemaphore {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(permits: Int) {
        available = permits
    }

    public func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// How many wait for a permit.
    public var waiting: Int { waiters.count }

    public func release() {
        if waiters.isEmpty { available += 1 } else { waiters.removeFirst().resume() }
    }

    /// Runs `body` holding a permit.
    public func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }
}
