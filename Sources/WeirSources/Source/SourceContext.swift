import AsyncHTTPClient
import NIOCore
import WeirCore

/// What sources need besides their target: where files may be read, the key for stored
/// passwords, the HTTP client and how requests are retried.
public struct SourceContext: Sendable {
    /// Where file sources may be read (`WEIR_SOURCE_DIRS`), checked again at every run.
    public var policy: SourcePolicy = .standard()
    /// Opens sealed passwords; `nil` when the service has no `WEIR_SECRET`.
    public var vault: PasswordVault?
    public var http: HTTPClient
    public var retry: RetryPolicy

    public init(vault: PasswordVault?, http: HTTPClient = SourceContext.sharedHTTP, retry: RetryPolicy = .standard) {
        self.vault = vault
        self.http = http
        self.retry = retry
    }
}

extension SourceContext {
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
