/// Dense ids for 64-bit keys, for hot paths: the first key seen gets 0, the next new one 1, and so
/// on, so that per-key values can live in a plain array. Open addressing with linear probing and
/// ``IntegerSet``'s mixer, cheaper per lookup than a `Dictionary`, whose seeded SipHash is built
/// for keys an attacker chooses; these are keys the caller packed.
public struct IntegerIDs: Sendable {
    /// Each slot holds its key's id + 1; 0 marks an empty slot.
    private var slots: [Int32]
    private var mask: Int
    /// The keys, by id.
    public private(set) var keys: [UInt64] = []

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    public var count: Int { keys.count }

    /// The id of `key`, given it the next id if it is new.
    @inline(__always)
    public mutating func id(of key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: IntegerSet.mix(key)) & mask
        let found = slots.withUnsafeBufferPointer { s -> Int? in
            while true {
                let slot = Int(s[i])
                if slot == 0 { return nil }
                if keys[slot - 1] == key { return slot - 1 }
                i = (i &+ 1) & mask
            }
        }
        if let found { return found }
        let id = keys.count
        keys.append(key)
        slots[i] = Int32(truncatingIfNeeded: id + 1)
        if keys.count * 2 > slots.count { grow() }
        return id
    }

    /// Doubles the table and places every key again.
    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (id, key) in keys.enumerated() {
            var i = Int(truncatingIfNeeded: IntegerSet.mix(key)) & mask
            while slots[i] != 0 { i = (i &+ 1) & mask }
            slots[i] = Int32(truncatingIfNeeded: id + 1)
        }
    }
}
