/// Unguessable identifiers: bytes from the system's secure generator, in lower-case hex.
public enum RandomHex {
    /// `bytes` random bytes as `2 × bytes` hex digits (16 bytes: 128 bits).
    public static func make(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return HexText.lowercase((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
