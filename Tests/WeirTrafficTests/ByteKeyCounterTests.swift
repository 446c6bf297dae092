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

    @Test func emptyKeyIsAKey() {
        let counter = ByteKeyCounter()
        counter.add("")
        counter.add("")
        #expect(counter.count(of: "") == 2)
    }
}
