import Dispatch
import Synchronization

/// Runs a synchronous job per index on Dispatch's global threads (the calling thread taking the
/// first) and returns the results in index order: the parallel parts of `weir analyze --jobs`,
/// CPU-bound loops that belong on threads, not on Swift's cooperative pool.
public enum ThreadFanOut {
    /// Calls `body(i)` for every `i` in `0..<count` at once and waits for all of them; the first
    /// error by index is rethrown once every job has ended.
    public static func run<T>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let results = Mutex<[Int: Result<Box<T>, any Error>]>([:])
        let group = DispatchGroup()
        for i in 1..<max(count, 1) {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                let outcome = Result { Box(try body(i)) }
                results.withLock { $0[i] = outcome }
            }
        }
        let first = Result { Box(try body(0)) }
        results.withLock { $0[0] = first }
        group.wait()
        let all = results.withLock { $0 }
        return try (0..<count).map { try all[$0]!.get().value }
    }

    /// Carries a result that is not `Sendable` from the thread that made it to the caller, which
    /// reads it only after that thread has ended.
    final class Box<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
