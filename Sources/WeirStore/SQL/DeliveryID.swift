import WeirCore
import WeirModel

/// Delivery ids: 128 random bits in hex, unique across instances and databases.
enum DeliveryID {
    static func make() -> String {
        RandomHex.make(bytes: 16)
    }
}
