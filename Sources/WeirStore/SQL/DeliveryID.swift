import WeirCore

/// Delivery ids: 128 random bits in hex, unique across instances and databases.
enum DeliveryID {
    static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        return HexText.lowercase((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &rng) })
    }
}
