import Crypto
import WeirCore

/// Dashboard sessions as signed cookie values, `v1.EXPIRY.ID.MAC`: an HMAC-SHA256 under a key
/// derived from the service's token, so every instance with the same token accepts them, a
/// restart keeps them, and a new token ends them all. Nothing is stored but the IDs of sessions
/// logged out before they expire (``SessionRevocations``).
public struct SessionSigner: Sendable {
    /// How long a session lasts: twelve hours.
    public static let lifetime: Int64 = 12 * 3_600
    /// The cookie's name.
    public static let cookieName = "weir_session"

    private let key: SymmetricKey

    public init(token: String) {
        key = SymmetricKey(data: SHA256.hash(data: Array("weir dashboard session v1\u{0}\(token)".utf8)))
    }

    /// A new session's cookie value and ID, valid from `now` for ``lifetime``.
    public func issue(now: Int64) -> (value: String, id: String) {
        let id = RandomHex.make(bytes: 16)
        let payload = "v1.\(now.addingReportingOverflow(Self.lifetime).partialValue).\(id)"
        return ("\(payload).\(mac(payload))", id)
    }

    /// The session's ID if `value` was issued by this signer and has not expired at `now`.
    public func verify(_ value: String, now: Int64) -> Session? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", let expiry = Int64(parts[1]), parts[2].utf8.count == 32, parts[3].utf8.count == 64
        else { return nil }
        let payload = parts[0..<3].joined(separator: ".")
        guard ConstantTime.equal(Array(mac(payload).utf8), Array(parts[3].utf8)), now < expiry else { return nil }
        return Session(id: String(parts[2]), expiry: expiry)
    }

    /// A verified session.
    public struct Session: Sendable, Equatable {
        public let id: String
        public let expiry: Int64
    }

    private func mac(_ payload: String) -> String {
        HexText.lowercase(Array(HMAC<SHA256>.authenticationCode(for: Array(payload.utf8), using: key)))
    }
}
