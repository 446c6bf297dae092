import Testing
import WeirCore

/// Dense ids for packed keys, and the set that shares their mixer, against the standard library.
@Suite struct IntegerIDsTests {
    @Test func idsAreDenseInOrderOfFirstSightAndStableAcrossGrowth() {
        var ids = IntegerIDs(capacity: 2)
        var reference: [UInt64: Int] = [:]
        var random = SeededRandom(seed: 26)
        var keys: [UInt64] = [0, .max, 1 << 63]
        for _ in 0..<5_000 { keys.append(random.next() % 3_000 | (random.next() & (0xFF << 40))) }
        for key in keys {
            let expected = reference[key] ?? reference.count
            reference[key] = expected
            #expect(ids.id(of: key) == expected)
        }
        #expect(ids.count == reference.count)
        #expect(ids.keys.enumerated().allSatisfy { reference[$0.element] == $0.offset })
    }

    @Test func theSetAgreesWithTheStandardOne() {
        var set = IntegerSet(capacity: 1)
        var reference = Set<Int>()
        for i in 0..<10_000 {
            let key = (i &* 7_919) % 4_099
            #expect(set.insert(key) == reference.insert(key).inserted)
        }
        #expect(set.count == reference.count && Set(set.elements) == reference)
    }
}
