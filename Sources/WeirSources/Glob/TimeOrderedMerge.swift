import Foundation
import WeirLog

/// Reads several files at once, one thread each, and hands their lines on in time order: the
/// line given next is always the earliest among the files' next lines (a file's malformed line
/// goes with the time of the line before it in that file). Each file's lines keep their order.
enum TimeOrderedMerge {
    /// Reads every path from its checkpoint in `previous`, calling `body` for each line in time
    /// order; returns each file's outcome. The first reader's error is thrown, after every
    /// reader has stopped.
    static func read(
        _ paths: [String],
        format: LogFormat?,
        after previous: GlobCheckpoint,
        shouldStop: @escaping @Sendable () -> Bool,
        _ body: (LogReader.Line, inout ParsedLine) -> Void
    ) throws -> [String: IncrementalFileReader.Outcome] {
        let queues = paths.map { _ in LineQueue() }
        let outcomes = OutcomeBox()
        let group = DispatchGroup()
        for (k, path) in paths.enumerated() {
            let queue = queues[k]
            let checkpoint = previous.files[path]
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    let outcome = try IncrementalFileReader(path: path, format: format).read(after: checkpoint, shouldStop: shouldStop) {
                        line,
                        parsed in
                        let copied = QueuedLine(bytes: Array(line.bytes), parsed: parsed, number: line.number, failure: line.failure)
                        if !queue.put(copied) { throw InputError.stopped }
                    }
                    outcomes.set(path, outcome)
                    queue.finish()
                } catch let error as InputError where error.kind == .system(errno: ENOENT) {
                    queue.finish()  // gone since the directory was listed: a pod that went
                } catch {
                    queue.finish(error)
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        defer {
            for queue in queues { queue.cancel() }
            group.wait()
        }
        try merge(queues, body)
        return outcomes.all
    }

    /// Hands on the earliest head line of the queues until all are drained.
    private static func merge(_ queues: [LineQueue], _ body: (LogReader.Line, inout ParsedLine) -> Void) throws {
        var lastTime = [Int64](repeating: .min, count: queues.count)
        while true {
            var earliest: (index: Int, time: Int64)?
            for (k, queue) in queues.enumerated() {
                guard let line = try queue.peek() else { continue }
                let time = line.failure == nil && line.parsed.fields.contains(.time) ? line.parsed.timestamp : lastTime[k]
                if earliest == nil || time < earliest!.time { earliest = (k, time) }
            }
            guard let (k, time) = earliest, var line = try queues[k].peek() else { return }
            lastTime[k] = time
            line.bytes.withUnsafeBytes { bytes in
                body(LogReader.Line(number: line.number, bytes: bytes, failure: line.failure), &line.parsed)
            }
            queues[k].pop()
        }
    }
}

/// Each file's outcome, set by its reader thread.
private final class OutcomeBox: @unchecked Sendable {
    // Read and written under `lock` only.
    private let lock = NSLock()
    private var outcomes: [String: IncrementalFileReader.Outcome] = [:]

    func set(_ path: String, _ outcome: IncrementalFileReader.Outcome) {
        lock.withLock { outcomes[path] = outcome }
    }

    var all: [String: IncrementalFileReader.Outcome] { lock.withLock { outcomes } }
}
