import Foundation
import WeirCore
import WeirLog
import WeirRules

/// The files a glob matches (``FileGlob``), read as one log: each file from its own checkpoint
/// (appends, truncation and rotation as for one file) on a thread of its own, and their lines
/// handed on in time order, merged as they are read (``TimeOrderedMerge``), so that the rules'
/// windows see one stream however many pods write. Files that appear are read from their start;
/// files that no longer match are dropped, and the run says so.
package struct GlobLogSource: LogSource {
    package let glob: FileGlob
    package let format: LogFormat?
    package let policy: SourcePolicy

    package init(glob: FileGlob, format: LogFormat?, policy: SourcePolicy) {
        self.glob = glob
        self.format = format
        self.policy = policy
    }

    package func read<C: RecordConsumer>(
        after checkpoint: String?,
        shouldStop: @escaping @Sendable () -> Bool,
        into consumer: inout C
    ) async throws -> SourceRead {
        let previous = try checkpoint.map { try JSONDecoder().decode(GlobCheckpoint.self, from: Data($0.utf8)) } ?? GlobCheckpoint()
        let paths: [String]
        do { paths = try glob.matches() } catch { throw InputError(.system(errno: ENOENT), error.description) }
        for path in paths {
            if let problem = policy.problem(with: path) { throw InputError(.notAllowed, "the task's file cannot be read: \(problem)") }
        }
        let handover = Handover(value: consumer)
        let format = format
        let (merged, returned) = try await BlockingWork.run {
            var local = handover.value
            let merged = try TimeOrderedMerge.read(paths, format: format, after: previous, shouldStop: shouldStop) { line, parsed in
                local.take(line, &parsed)
            }
            return (Handover(value: merged), Handover(value: local))
        }
        consumer = returned.value
        return try report(merged.value, previous: previous, paths: paths)
    }

    private func report(_ outcomes: [String: IncrementalFileReader.Outcome], previous: GlobCheckpoint, paths: [String]) throws -> SourceRead {
        var next = GlobCheckpoint()
        var notes: [String] = []
        var bytes: Int64 = 0
        for path in paths {
            guard let outcome = outcomes[path] else { continue }
            next.files[path] = outcome.checkpoint
            bytes += outcome.bytesRead
            if outcome.truncated { notes.append("\(path) was truncated since the last run; it was read again from its start") }
            if outcome.rotated { notes.append("\(path) was rotated since the last run; the rest of the old file was read first") }
            if outcome.rotatedFileMissing {
                notes.append("\(path) was rotated and the old file is gone; lines written to it after the last run could not be read")
            }
        }
        let gone = previous.files.keys.filter { outcomes[$0] == nil }.sorted()
        if !gone.isEmpty {
            notes.append(
                "\(gone.count) file\(gone.count == 1 ? "" : "s") no longer match \(glob.directory)/\(glob.pattern) (\(gone.joined(separator: ", "))); lines written to them after the last run could not be read"
            )
        }
        let new = paths.filter { previous.files[$0] == nil }
        if !previous.files.isEmpty && !new.isEmpty {
            notes.append("new file\(new.count == 1 ? "" : "s") read from the start: \(new.joined(separator: ", "))")
        }
        return SourceRead(checkpoint: try JSONCoding.string(next), bytesRead: bytes, notes: notes)
    }
}
