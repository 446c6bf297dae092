import Testing
import WeirCore

@testable import WeirTraffic

struct ByteKeyCounterTests {
    @Test func matchesADictionaryThroughGrowth() {
        var rng = SystemRandomNumberGenerator()
        let counter = ByteKeyCounter(capacity: 4)
        var reference: [String: Int] = [:]
        for _ in 0..<50_000 {
            let key = "/k/" + String(Int.random(in: 0..<3000, using: &rng)) + String(repeating: "x", count: Int.random(in: 0..<20, using: &rng))
            counter.add(key)
            reference[key, default: 0] += 1
        }
        #expect(counter.distinctCount == reference.count)
        #expect(Dictionary(uniqueKeysWithValues: counter.entries.map { ($0.key, $0.count) }) == reference)
        let expectedTop = reference.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5).map(\.key)
        #expect(counter.top(5).map(\.key) == expectedTop)
        counter.removeAll()
        #expect(counter.distinctCount == 0)
        #expect(counter.top(3).isEmpty)
    }

    /// Keys of every length from 0 to 300 bytes (the hash's two lanes, its last-8-bytes tail, and
    /// keys that differ in one byte only), and a merge with `add(contentsOf:)`.
    @Test func longKeysAndMergesMatchADictionary() {
        var rng = SystemRandomNumberGenerator()
        let (first, second) = (ByteKeyCounter(capacity: 4), ByteKeyCounter(capacity: 4))
        var reference: [[UInt8]: Int] = [:]
        for i in 0..<40_000 {
            var key = [UInt8](repeating: UInt8(ascii: "a"), count: Int.random(in: 0...300, using: &rng))
            if !key.isEmpty { key[Int.random(in: 0..<key.count, using: &rng)] = UInt8.random(in: 98...101, using: &rng) }
            key.withUnsafeBytes { _ = (i.isMultiple(of: 2) ? first : second).add($0, 2) }
            reference[key, default: 0] += 2
        }
        first.add(contentsOf: second)
        var merged: [[UInt8]: Int] = [:]
        first.forEachKey { merged[Array($0), default: 0] += $1 }
        #expect(merged == reference)
        #expect(first.distinctCount == reference.count)
    }

    @Test func emptyKeyIsAKey() {
        let counter = ByteKeyCounter()
        counter.add("")
        counter.add("")
        #expect(counter.count(of: "") == 2)
    }
}
