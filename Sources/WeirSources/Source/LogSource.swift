import Foundation
import WeirLog
import WeirModel
import WeirRules

/// Where a task's records come from, read incrementally from a checkpoint: a file
/// (``FileLogSource``), an OpenSearch index (``OpenSearchSource``) or the journal of a syslog
/// listener (``SyslogJournalSource``).
package protocol LogSource: Sendable {
    /// Reads every record after `checkpoint` (JSON, `nil` for the first run) into `consumer`
    /// (passed `inout`, so the hot loop pays no dynamic exclusivity checks); stops with
    /// ``InputError/stopped`` when `shouldStop` says so (it may be asked from any thread).
    func read<C: RecordConsumer>(
        after checkpoint: String?,
        shouldStop: @escaping @Sendable () -> Bool,
        into consumer: inout C
    ) async throws -> SourceRead
}

extension TargetData {
    /// The source this target describes; `context` holds what an OpenSearch source needs.
    package func source(_ context: SourceContext) throws -> any LogSource {
        switch self {
        case .file(let path, let format):
            if let glob = try FileGlob(path) {
                return GlobLogSource(glob: glob, format: try LogFormat.chosen(format), policy: context.policy)
            }
            return FileLogSource(
                path: path,
                format: try LogFormat.chosen(format),
                policy: context.policy,
                parsingThreads: context.parsingThreads,
                pipelinedMinimum: context.pipelinedMinimum
            )
        case .openSearch(let target):
            if let problem = context.policy.problem(withHost: target.host, port: target.port) {
                throw InputError(.notAllowed, "the task's OpenSearch source cannot be used: \(problem)")
            }
            let password = try target.sealedPassword.map { sealed in
                guard let vault = context.vault else {
                    throw PasswordVault.VaultError(
                        "the task's OpenSearch password is stored encrypted, and this service has no WEIR_SECRET to decrypt it; start weir with the WEIR_SECRET it was stored under"
                    )
                }
                return try vault.open(sealed)
            }
            return OpenSearchSource(target: target, password: password, client: context.http, retry: context.retry)
        case .syslog(let target):
            return SyslogJournalSource(
                address: target.address,
                format: try LogFormat.chosen(target.format),
                hostnameAsVhost: target.hostnameAsVhost,
                root: context.syslogDirectory,
                listenerProblem: context.syslogListenerProblem,
                parsingThreads: context.parsingThreads,
                pipelinedMinimum: context.pipelinedMinimum
            )
        }
    }
}
