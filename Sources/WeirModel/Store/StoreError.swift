import WeirDetect
import WeirRules

/// A storage failure worded for the one-line error of `weir` and the service's logs.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// The SQLSTATE code of a PostgreSQL error, when the server gave one.
    public let sqlState: String?
    public init(_ description: String, sqlState: String? = nil) {
        self.description = description
        self.sqlState = sqlState
    }
}
