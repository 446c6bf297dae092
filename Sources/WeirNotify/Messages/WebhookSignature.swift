import Crypto
import WeirCore

/// The `X-Weir-Signature` of a webhook body: `sha256=` and the hex HMAC-SHA256 of the exact
/// bytes sent, keyed by the channel's secret (as GitHub signs its webhooks).
public enum WebhookSignature {
    public static let header = "X-Weir-Signature"

    public static func sign(_ body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + HexText.lowercase(mac)
    }

    /// Whether `signature` is the body's signature under `secret` (compared in constant time).
    public static func verify(_ body: [UInt8], secret: String, signature: String) -> Bool {
        let expected = Array(sign(body, secret: secret).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for i in expected.indices { difference |= expected[i] ^ given[i] }
        return difference == 0
    }
}
