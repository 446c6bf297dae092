import AsyncHTTPClient
import Foundation
import NIOCore
import WeirCore
import WeirLog

/// What sources need besides their target: where files may be read, the key for stored
/// passwords, the HTTP client and how requests are retried, where syslog journals are.
public struct SourceContext: Sendable {
    /// Where file sources may be read (`WEIR_SOURCE_DIRS`), checked again at every run.
    public var policy: SourcePolicy = .standard()
    /// Opens sealed passwords; `nil` when the service has no `WEIR_SECRET`.
    public var vault: PasswordVault?
    public var http: HTTPClient
    public var retry: RetryPolicy
    /// Threads that parse a large file's lines while the run's rules take them (0: none, the
    /// run's own thread reads alone). By default one per core but the run's own, at most four:
    /// more would outrun the rules, which take the lines on one thread.
    public var parsingThreads = SourceContext.defaultParsingThreads
    /// A stretch of a file this long or longer is parsed by those threads; a shorter one by the
    /// run's own thread, for which threads would cost more than they save.
    public var pipelinedMinimum = IncrementalFileReader.pipelinedMinimum
    /// The folder of the syslog listeners' journals (`WEIR_SYSLOG_DIR`).
    public var syslogDirectory = "./weir-syslog"
    /// What is wrong with this process's listener on an address (it could not bind, or this
    /// instance does not listen), said in the notes of the runs that read its journal.
    public var syslogListenerProblem: @Sendable (SyslogAddress) -> String? = { _ in nil }

    public init(vault: PasswordVault?, http: HTTPClient = SourceContext.sharedHTTP, retry: RetryPolicy = .standard) {
        self.vault = vault
        self.http = http
        self.retry = retry
    }
}

extension SourceContext {
    /// One parsing thread per core but one, at most four; none on one core.
    public static var defaultParsingThreads: Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return cores > 1 ? min(cores - 1, 4) : 0
    }

    /// How long a connection to a remote source may take to open.
    public static let connectTimeoutSeconds = 5.0

    /// The process's client for remote sources. Unlike `HTTPClient.shared` it does not retry a
    /// failed connection inside one request until the deadline: a refused connection or a failed
    /// TLS handshake comes back at once, so that ``RetryPolicy`` decides, and the run's error
    /// names the cause. Like `HTTPClient.shared`, it lives as long as the process.
    public static let sharedHTTP: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: TimeAmount(.saturatingSeconds(connectTimeoutSeconds)), read: .seconds(30))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
