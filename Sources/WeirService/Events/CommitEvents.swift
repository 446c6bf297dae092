import Foundation
import Synchronization

/// The post-commit event stream: runs and findings (and, later, incidents) as they are committed,
/// for live pages, notifications and the demo. Each subscriber has its own buffer; one that falls
/// more than ``bufferSize`` events behind loses the oldest, never slows a run.
public final class CommitEvents: Sendable {
    /// Events kept per subscriber that has not read them yet.
    public static let bufferSize = 1024

    private let subscribers = Mutex<[UUID: AsyncStream<CommitEvent>.Continuation]>([:])

    public init() {}

    /// A stream of every event published from now on; it ends when the subscriber's task is
    /// cancelled or stops iterating.
    public func subscribe() -> AsyncStream<CommitEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: CommitEvent.self, bufferingPolicy: .bufferingNewest(Self.bufferSize))
        let id = UUID()
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    /// Tells every subscriber; call only after the commit it describes.
    public func publish(_ event: CommitEvent) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    /// How many subscribers are listening.
    public var subscriberCount: Int { subscribers.withLock { $0.count } }
}
