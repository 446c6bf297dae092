import Foundation
import WeirCore
import WeirLog
import WeirRules

/// A local access-log file, read from its checkpoint through appends, truncation and rotation.
package struct FileLogSource: LogSource {
    package let path: String
    package let format: LogFormat?
    /// Checked before each read: the file may have moved, or become a link elsewhere.
    package let policy: SourcePolicy
    /// Threads that parse a large stretch of the file ahead of the run's rules.
    package var parsingThreads = 0
    /// The shortest stretch those threads parse.
    package var pipelinedMinimum = IncrementalFileReader.pipelinedMinimum

    /// Reads on a thread of its own (``BlockingWork``): a big file takes no thread of the pool.
    package func read<C: RecordConsumer>(
        after checkpoint: String?,
        shouldStop: @escaping @Sendable () -> Bool,
        into consumer: inout C
    ) async throws -> SourceRead {
        if let problem = policy.problem(with: path) {
            throw InputError(.notAllowed, "the task's file cannot be read: \(problem)")
        }
        let previous = try checkpoint.map { try JSONDecoder().decode(FileCheckpoint.self, from: Data($0.utf8)) }
        let handover = Handover(value: consumer)
        let (path, format, parsers, minimum) = (path, format, parsingThreads, pipelinedMinimum)
        let (outcome, returned) = try await BlockingWork.run {
            // The consumer itself is captured, not the handover holding it: through the
            // handover, unspecialised code would copy it out and back for every line.
            var local = handover.value
            let outcome = try local.whileTallying { tally, consumer in
                try IncrementalFileReader(path: path, format: format, parsers: parsers, pipelinedMinimum: minimum).read(
                    after: previous,
                    shouldStop: shouldStop,
                    tally: &tally
                ) { line, parsed in
                    consumer.consume(line, &parsed)
                }
            }
            return (Handover(value: outcome), Handover(value: local))
        }
        consumer = returned.value
        return try report(outcome.value)
    }

    private func report(_ outcome: IncrementalFileReader.Outcome) throws -> SourceRead {
        var notes: [String] = []
        if outcome.truncated { notes.append("\(path) was truncated (or rewritten in place) since the last run; it was read again from its start") }
        if outcome.rotated { notes.append("\(path) was rotated since the last run; the rest of the old file was read first") }
        if outcome.rotatedFileMissing {
            notes.append("\(path) was rotated and the old file is gone from its folder; lines written to it after the last run could not be read")
        }
        let encoded = try JSONCoding.string(outcome.checkpoint)
        return SourceRead(checkpoint: encoded, bytesRead: outcome.bytesRead, notes: notes)
    }
}
