/// A set of non-negative integers for hot paths: open addressing with linear probing and a
/// cheap 64-bit mixer (MurmurHash3's finaliser), cheaper per insertion than `Set<Int>`, whose
/// seeded SipHash is built for keys an attacker chooses; these are ids the caller made.
public struct IntegerSet: Sendable {
    /// Each slot holds its key + 1; 0 marks an empty slot.
    private var slots: [UInt64]
    private var mask: Int
    public private(set) var count = 0

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds `key` (0 or more); returns whether it was new.
    @inline(__always) @discardableResult
    public mutating func insert(_ key: Int) -> Bool {
        let stored = UInt64(truncatingIfNeeded: key) &+ 1
        var i = Int(truncatingIfNeeded: Self.mix(stored)) & mask
        let inserted = slots.withUnsafeMutableBufferPointer { s -> Bool in
            while true {
                let slot = s[i]
                if slot == stored { return false }
                if slot == 0 {
                    s[i] = stored
                    return true
                }
                i = (i &+ 1) & mask
            }
        }
        if inserted {
            count += 1
            if count * 2 > slots.count { grow() }
        }
        return inserted
    }

    /// MurmurHash3's 64-bit finaliser: every bit of `key` moves every bit of the result.
    @inline(__always)
    static func mix(_ key: UInt64) -> UInt64 {
        var mixed = key ^ (key >> 33)
        mixed = (mixed &* 0xFF51_AFD7_ED55_8CCD) ^ ((mixed &* 0xFF51_AFD7_ED55_8CCD) >> 33)
        return (mixed &* 0xC4CE_B9FE_1A85_EC53) ^ ((mixed &* 0xC4CE_B9FE_1A85_EC53) >> 33)
    }

    /// Every key, in no particular order.
    public var elements: [Int] {
        slots.compactMap { $0 == 0 ? nil : Int(truncatingIfNeeded: $0 &- 1) }
    }

    /// Doubles the table and places every key again, straight from the old slots.
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for stored in old where stored != 0 { insert(Int(truncatingIfNeeded: stored &- 1)) }
    }
}
