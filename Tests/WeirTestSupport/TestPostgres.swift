import Foundation

/// The PostgreSQL server `scripts/test` starts on loopback, named by `TEST_POSTGRES_URL`. Without
/// it the PostgreSQL tests fail with this error; they never skip.
public enum TestPostgres {
    /// Why there is no server.
    public struct Missing: Error, CustomStringConvertible {
        public let description =
            "TEST_POSTGRES_URL is not set: run the tests with ./scripts/test, which starts PostgreSQL on loopback"
    }

    /// The URL of a new database (created by Weir on first use) on the test server, named after `prefix`.
    public static func newDatabaseURL(prefix: String = "weir_test") throws -> String {
        guard let base = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"], var parts = URLComponents(string: base) else {
            throw Missing()
        }
        parts.path = "/\(prefix)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        guard let url = parts.string else { throw Missing() }
        return url
    }
}
