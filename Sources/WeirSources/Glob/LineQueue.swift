import Foundation

/// A bounded queue between one file's reader thread and the merging thread: the reader waits
/// while it is full, the merger while it is empty and the reader not finished. A reader that
/// fails puts its error in; a merger that stops early cancels, which releases the reader.
final class LineQueue: @unchecked Sendable {
    // Every stored property is read and written under `condition`'s lock only.
    private let condition = NSCondition()
    private var lines: [QueuedLine] = []
    private var head = 0
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// Adds a line, waiting for room; `false` once the merger cancelled.
    func put(_ line: QueuedLine) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while lines.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        if head > capacity {
            lines.removeFirst(head)
            head = 0
        }
        lines.append(line)
        condition.broadcast()
        return true
    }

    /// The reader is done, with `error` when it failed.
    func finish(_ error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// The next line, waiting for one; `nil` when the reader finished and all were taken.
    /// Throws the reader's error.
    func peek() throws -> QueuedLine? {
        condition.lock()
        defer { condition.unlock() }
        while head == lines.count && !finished { condition.wait() }
        if let failure { throw failure }
        return head < lines.count ? lines[head] : nil
    }

    /// Takes the line ``peek()`` gave.
    func pop() {
        condition.lock()
        defer { condition.unlock() }
        head += 1
        condition.broadcast()
    }

    /// Releases a waiting reader: the merger will take no more.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }
}
