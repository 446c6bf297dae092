/// Counts occurrences of byte strings (hosts, paths, sections) without making a `String` per hit.
///
/// Open addressing with linear probing over a power-of-two table; keys are copied once, when first
/// seen, into one arena. Memory grows with the number of distinct keys only. A reference type:
/// the hot path touches raw storage directly, with no copy-on-write checks.
public final class ByteKeyCounter {
    package struct Slot {
        package var hash: UInt64  // 0 marks an empty slot
        package var offset: Int
        package var length: Int32
        package var id: Int32  // dense, in order of first sight
        package var count: Int
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var slotCount: Int
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaUsed = 0
    private var mask: Int
    /// Number of distinct keys counted.
    public private(set) var distinctCount = 0
    private var keysByID: [(offset: Int, length: Int)] = []

    /// Creates an empty counter sized for about `capacity` keys before it grows.
    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slotCount = size
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(hash: 0, offset: 0, length: 0, id: 0, count: 0), count: size)
        mask = size - 1
        arenaCapacity = max(256, capacity * 16)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    /// Adds `amount` to the count of `key`; returns the key's id: 0 for the first key ever
    /// added, 1 for the next new one, and so on (see ``key(id:)``).
    @inline(__always) @discardableResult
    public func add(_ key: UnsafeRawBufferPointer, _ amount: Int = 1) -> Int {
        add(key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, key.count, amount)
    }

    /// The key with the given id, as text.
    public func key(id: Int) -> String {
        let (offset, length) = keysByID[id]
        return String(decoding: UnsafeBufferPointer(start: arena + offset, count: length), as: UTF8.self)
    }

    /// Adds `amount` to the count of the key given as text.
    public func add(_ key: String, _ amount: Int = 1) {
        var bytes = Array(key.utf8)
        bytes.withUnsafeMutableBytes { _ = add(UnsafeRawBufferPointer($0), amount) }
    }

    @discardableResult
    package func add(_ p: UnsafeRawPointer, _ n: Int, _ amount: Int) -> Int {
        let h = Self.hash(p, n)
        let i = slotIndex(p, n, h)
        if slots[i].hash != 0 {
            slots[i].count &+= amount
            return Int(slots[i].id)
        }
        if arenaUsed + n > arenaCapacity {
            var grown = arenaCapacity * 2
            while arenaUsed + n > grown { grown *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            bigger.update(from: arena, count: arenaUsed)
            arena.deallocate()
            arena = bigger
            arenaCapacity = grown
        }
        (arena + arenaUsed).update(from: p.assumingMemoryBound(to: UInt8.self), count: n)
        let id = distinctCount
        slots[i] = Slot(hash: h, offset: arenaUsed, length: Int32(n), id: Int32(truncatingIfNeeded: id), count: amount)
        keysByID.append((arenaUsed, n))
        arenaUsed += n
        distinctCount += 1
        if distinctCount * 2 > slotCount { grow() }
        return id
    }

    /// The id of `key` (see ``key(id:)``), or `nil` when it was never added.
    public func id(of key: String) -> Int? {
        var bytes = Array(key.utf8)
        return bytes.withUnsafeMutableBytes { id(of: UnsafeRawBufferPointer($0)) }
    }

    /// The id of the key given as bytes, or `nil` when it was never added.
    public func id(of key: UnsafeRawBufferPointer) -> Int? {
        let p = key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        let i = slotIndex(p, key.count, Self.hash(p, key.count))
        return slots[i].hash == 0 ? nil : Int(slots[i].id)
    }

    /// The slot holding the `n` bytes at `p` (hash `h`), or the empty slot where they would go.
    @inline(__always)
    private func slotIndex(_ p: UnsafeRawPointer, _ n: Int, _ h: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.hash == 0 || (slot.hash == h && Int(slot.length) == n && memcmp(arena + slot.offset, p, n) == 0) { return i }
            i = (i &+ 1) & mask
        }
    }

    /// The count of `key`, 0 when never seen.
    public func count(of key: String) -> Int {
        entries.first { $0.key == key }?.count ?? 0
    }

    private var occupied: [Slot] {
        UnsafeBufferPointer(start: slots, count: slotCount).filter { $0.hash != 0 }
    }

    /// Calls `body` with every key, as bytes valid only during the call, and its count, in no
    /// particular order: for merging and deriving tables without making a `String` per key.
    public func forEachKey(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        for i in 0..<slotCount where slots[i].hash != 0 {
            body(UnsafeRawBufferPointer(start: arena + slots[i].offset, count: Int(slots[i].length)), slots[i].count)
        }
    }

    /// Adds every key of `other` with its count.
    public func add(contentsOf other: ByteKeyCounter) {
        other.forEachKey { add($0, $1) }
    }

    /// Every key with its count, in no particular order.
    public var entries: [(key: String, count: Int)] {
        occupied.map { (key: text($0), count: $0.count) }
    }

    /// The `n` keys with the highest counts, ties broken by key, highest first.
    public func top(_ n: Int) -> [(key: String, count: Int)] {
        // Select on counts first so that only the winners are turned into strings.
        let winners = occupied.sorted { $0.count > $1.count }
        guard let cut = winners.prefix(n).last?.count else { return [] }
        let chosen = winners.prefix { $0.count >= cut }
        var named = chosen.map { (key: text($0), count: $0.count) }
        named.sort { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
        return Array(named.prefix(n))
    }

    private func text(_ slot: Slot) -> String {
        String(decoding: UnsafeBufferPointer(start: arena + slot.offset, count: Int(slot.length)), as: UTF8.self)
    }

    /// Forgets every key, keeping the allocated capacity.
    public func removeAll() {
        for i in 0..<slotCount { slots[i].hash = 0 }
        arenaUsed = 0
        distinctCount = 0
        keysByID.removeAll(keepingCapacity: true)
    }

    private func grow() {
        let old = occupied
        slots.deallocate()
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(hash: 0, offset: 0, length: 0, id: 0, count: 0), count: slotCount)
        mask = slotCount - 1
        for slot in old {
            var i = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }

    /// A fast 64-bit hash of `n` bytes, never 0. Two independent lanes take 16 bytes a round,
    /// so that long keys (user agents, referrers) do not wait on one chain of multiplications.
    @inline(__always)
    package static func hash(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(n) &* 0xC2B2_AE3D_27D4_EB4F)
        var g: UInt64 = 0xD6E8_FEB8_6659_FD93
        var i = 0
        while i + 16 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            g = (g ^ p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 32
            g ^= g >> 29
            i += 16
        }
        if i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        h ^= g &* 0x9E37_79B9_7F4A_7C15
        var tail: UInt64 = 0
        if i < n, n >= 8 {
            tail = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)  // the last 8, overlapping
        } else {
            while i < n {
                tail = (tail << 8) | UInt64(p.load(fromByteOffset: i, as: UInt8.self))
                i += 1
            }
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
