import Crypto
import Foundation

/// Seals data-source passwords for storage: AES-GCM with a 256-bit key derived from `WEIR_SECRET`
/// by HKDF-SHA256. Sealed text is `v1:` and the base64 of nonce, ciphertext and tag; a password
/// is never stored, returned or logged in the clear.
public struct PasswordVault: Sendable {
    private let key: SymmetricKey

    public init(secret: String) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)),
            salt: Data("weir password vault".utf8),
            info: Data("target_data.auth_password v1".utf8),
            outputByteCount: 32
        )
    }

    /// The sealed form of `password`.
    public func seal(_ password: String) throws -> String {
        let box = try AES.GCM.seal(Data(password.utf8), using: key)
        guard let combined = box.combined else { throw VaultError("AES-GCM gave no combined form") }
        return "v1:" + combined.base64EncodedString()
    }

    /// The password `sealed` holds; the error says what to do when the key is not the one it was
    /// sealed with.
    public func open(_ sealed: String) throws -> String {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw VaultError("the stored password is not in a form this weir reads; send auth_password again")
        }
        do {
            let plain = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key)
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw VaultError(
                "the stored password cannot be decrypted with this WEIR_SECRET; start weir with the WEIR_SECRET it was stored under, or send auth_password again"
            )
        }
    }

    /// A sealing or opening failure, in words.
    public struct VaultError: Error, CustomStringConvertible, Sendable {
        public let description: String
        package init(_ description: String) { self.description = description }
    }
}
