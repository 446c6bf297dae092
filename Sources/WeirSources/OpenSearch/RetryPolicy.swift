import AsyncHTTPClient

/// How a failed request to a remote source is tried again: `attempts` in all, waiting
/// `firstDelay` seconds after the first failure and twice as long after each next one. An attempt
/// that cannot reach the host lasts at least `unreachableSeconds` (the connect timeout), so that a
/// closed port, which refuses at once, and a filtered one, which times out, look alike in time
/// as they do in words.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var firstDelay: Double
    public var unreachableSeconds: Double

    public init(attempts: Int, firstDelay: Double, unreachableSeconds: Double = SourceContext.connectTimeoutSeconds) {
        self.attempts = attempts
        self.firstDelay = firstDelay
        self.unreachableSeconds = unreachableSeconds
    }

    /// Four attempts over about 3.5 seconds, each unreachable one taking the connect timeout.
    public static let standard = RetryPolicy(attempts: 4, firstDelay: 0.5)

    /// The wait before attempt `n + 1` (n from 1).
    package func delay(after attempt: Int) -> Double { firstDelay * Double(1 << (attempt - 1)) }
}
