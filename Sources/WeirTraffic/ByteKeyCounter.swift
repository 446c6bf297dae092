/// Counts occurrences of byte strings (hosts, paths, sections) without making a `String` per hit.
///
/// Open addressing with linear probing over a power-of-two table; keys are copied once, when first
/// seen, into one arena. Memory grows with the number of distinct keys only.
public struct ByteKeyCounter: Sendable {
    struct Slot {
        var hash: UInt64  // 0 marks an empty slot
        var offset: Int
        var length: Int
        var count: Int
    }

    private var slots: [Slot]
    private var arena: [UInt8] = []
    private var mask: Int
    /// Number of distinct keys counted.
    public private(set) var distinctCount = 0

    /// Creates an empty counter sized for about `capacity` keys before it grows.
    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(hash: 0, offset: 0, length: 0, count: 0), count: size)
        mask = size - 1
    }

    /// Adds `amount` to the count of `key`.
    @inlinable @inline(__always)
    public mutating func add(_ key: UnsafeRawBufferPointer, _ amount: Int = 1) {
        add(key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, key.count, amount)
    }

    /// Adds `amount` to the count of the key given as text.
    public mutating func add(_ key: String, _ amount: Int = 1) {
        var bytes = Array(key.utf8)
        bytes.withUnsafeMutableBytes { add(UnsafeRawBufferPointer($0), amount) }
    }

    @usableFromInline
    mutating func add(_ p: UnsafeRawPointer, _ n: Int, _ amount: Int) {
        let h = Self.hash(p, n)
        var i = Int(truncatingIfNeeded: h) & mask
        let found: Bool = arena.withUnsafeBytes { keys in
            slots.withUnsafeMutableBufferPointer { table in
                while true {
                    let slot = table[i]
                    if slot.hash == 0 { return false }
                    if slot.hash == h, slot.length == n, memcmp(keys.baseAddress! + slot.offset, p, n) == 0 {
                        table[i].count &+= amount
                        return true
                    }
                    i = (i &+ 1) & mask
                }
            }
        }
        if found { return }
        let offset = arena.count
        arena.append(contentsOf: UnsafeRawBufferPointer(start: p, count: n))
        slots[i] = Slot(hash: h, offset: offset, length: n, count: amount)
        distinctCount += 1
        if distinctCount * 2 > slots.count { grow() }
    }

    /// The count of `key`, 0 when never seen.
    public func count(of key: String) -> Int {
        entries.first { $0.key == key }?.count ?? 0
    }

    /// Every key with its count, in no particular order.
    public var entries: [(key: String, count: Int)] {
        arena.withUnsafeBytes { keys in
            slots.filter { $0.hash != 0 }.map { slot in (key: Self.text(keys, slot), count: slot.count) }
        }
    }

    /// The `n` keys with the highest counts, ties broken by key, highest first.
    public func top(_ n: Int) -> [(key: String, count: Int)] {
        // Select on counts first so that only the winners are turned into strings.
        let winners = slots.filter { $0.hash != 0 }.sorted { $0.count > $1.count }
        guard let cut = winners.prefix(n).last?.count else { return [] }
        let chosen = winners.prefix { $0.count >= cut }
        var named: [(key: String, count: Int)] = arena.withUnsafeBytes { keys in
            chosen.map { slot in (key: Self.text(keys, slot), count: slot.count) }
        }
        named.sort { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
        return Array(named.prefix(n))
    }

    private static func text(_ keys: UnsafeRawBufferPointer, _ slot: Slot) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: keys[slot.offset..<(slot.offset + slot.length)]), as: UTF8.self)
    }

    /// Forgets every key, keeping the allocated capacity.
    public mutating func removeAll() {
        for i in slots.indices { slots[i].hash = 0 }
        arena.removeAll(keepingCapacity: true)
        distinctCount = 0
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, offset: 0, length: 0, count: 0), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.hash != 0 {
            var i = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }

    /// A fast 64-bit hash of `n` bytes, never 0.
    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(n) &* 0xC2B2_AE3D_27D4_EB4F)
        var i = 0
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        while i < n {
            tail = (tail << 8) | UInt64(p.load(fromByteOffset: i, as: UInt8.self))
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 32
        return h | 1
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
