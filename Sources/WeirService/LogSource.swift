import Foundation
import WeirLog
import WeirRules
import WeirStore

/// Takes the records a source reads, one line at a time.
protocol RecordConsumer {
    mutating func consume(_ line: LogReader.Line, _ parsed: inout ParsedLine)
}

/// Where a task's records come from, read incrementally from a checkpoint: a file
/// (``FileLogSource``) or an OpenSearch index (``OpenSearchSource``).
protocol LogSource: Sendable {
    /// Reads every record after `checkpoint` (JSON, `nil` for the first run) into `consumer`
    /// (passed `inout`, so the hot loop pays no dynamic exclusivity checks); stops with
    /// ``InputError/stopped`` when `shouldStop` says so (it may be asked from any thread).
    func read<C: RecordConsumer>(after checkpoint: String?, shouldStop: @escaping @Sendable () -> Bool,
                                 into consumer: inout C) async throws -> SourceRead
}

/// What a source read, besides the lines.
struct SourceRead: Sendable {
    /// The checkpoint to commit with the run's findings.
    var checkpoint: String
    var bytesRead: Int64
    var notes: [String]
}

/// A local access-log file, read from its checkpoint through appends, truncation and rotation.
struct FileLogSource: LogSource {
    let path: String
    let format: LogFormat?

    /// Reads on a thread of its own (``BlockingWork``): a big file takes no thread of the pool.
    func read<C: RecordConsumer>(after checkpoint: String?, shouldStop: @escaping @Sendable () -> Bool,
                                 into consumer: inout C) async throws -> SourceRead {
        let previous = try checkpoint.map { try JSONDecoder().decode(FileCheckpoint.self, from: Data($0.utf8)) }
        let handover = Handover(value: consumer)
        let (path, format) = (path, format)
        let (outcome, returned) = try await BlockingWork.run {
            var local = handover
            let outcome = try IncrementalFileReader(path: path, format: format).read(after: previous, shouldStop: shouldStop) { line, parsed in
                local.value.consume(line, &parsed)
            }
            return (Handover(value: outcome), local)
        }
        consumer = returned.value
        return try report(outcome.value)
    }

    private func report(_ outcome: IncrementalFileReader.Outcome) throws -> SourceRead {
        var notes: [String] = []
        if outcome.truncated { notes.append("\(path) was truncated since the last run; it was read again from its start") }
        if outcome.rotated { notes.append("\(path) was rotated since the last run; the rest of the old file was read first") }
        if outcome.rotatedFileMissing {
            notes.append("\(path) was rotated and the old file is gone from its folder; lines written to it after the last run could not be read")
        }
        let encoded = String(decoding: try JSONEncoder().encode(outcome.checkpoint), as: UTF8.self)
        return SourceRead(checkpoint: encoded, bytesRead: outcome.bytesRead, notes: notes)
    }
}

extension TargetData {
    /// The source this target describes; `context` holds what an OpenSearch source needs.
    func source(_ context: SourceContext) throws -> any LogSource {
        switch self {
        case .file(let path, let format):
            return FileLogSource(path: path, format: format == "auto" ? nil : try LogFormat.parse(format))
        case .openSearch(let target):
            let password = try target.sealedPassword.map { sealed in
                guard let vault = context.vault else {
                    throw PasswordVault.VaultError("the task's OpenSearch password is stored encrypted, and this service has no WEIR_SECRET to decrypt it; start weir with the WEIR_SECRET it was stored under")
                }
                return try vault.open(sealed)
            }
            return OpenSearchSource(target: target, password: password, client: context.http, retry: context.retry)
        }
    }
}
