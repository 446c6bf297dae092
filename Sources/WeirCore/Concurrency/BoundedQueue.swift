import Dispatch
import Synchronization

/// A first-in first-out queue between threads that holds at most `capacity` elements: `push`
/// waits for room, `pop` waits for an element, and after ``close(consumers:)`` each consumer's
/// `pop` returns `nil` once the queue is empty. For threads, never for Swift tasks (it blocks).
public final class BoundedQueue<Element: Sendable>: Sendable {
    private let items = Mutex<[Element?]>([])
    private let available = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore

    public init(capacity: Int) {
        room = DispatchSemaphore(value: max(capacity, 1))
    }

    /// Adds `element`, waiting while the queue is full.
    public func push(_ element: Element) {
        room.wait()
        items.withLock { $0.append(element) }
        available.signal()
    }

    /// Ends the queue for `consumers` threads: each gets `nil` after the last element.
    public func close(consumers: Int) {
        for _ in 0..<consumers {
            items.withLock { $0.append(nil) }
            available.signal()
        }
    }

    /// The oldest element, waiting for one; `nil` once the queue is closed and empty.
    public func pop() -> Element? {
        available.wait()
        let element = items.withLock { $0.removeFirst() }
        if element != nil { room.signal() }
        return element
    }
}
