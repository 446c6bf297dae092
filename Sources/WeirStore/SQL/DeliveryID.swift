/// Delivery ids: 128 random bits in hex, unique across instances and databases.
enum DeliveryID {
    static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        let a = String(rng.next() as UInt64, radix: 16)
        let b = String(rng.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - a.count) + a + String(repeating: "0", count: 16 - b.count) + b
    }
}
