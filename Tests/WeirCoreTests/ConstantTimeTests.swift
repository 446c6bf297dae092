import Testing
import WeirCore

@Suite struct ConstantTimeTests {
    @Test func equalOnlyForTheSameBytes() {
        #expect(ConstantTime.equal(Array("token".utf8), Array("token".utf8)))
        #expect(!ConstantTime.equal(Array("token".utf8), Array("tokem".utf8)))
        #expect(!ConstantTime.equal(Array("token".utf8), Array("token2".utf8)), "a longer secret with the same start")
        #expect(!ConstantTime.equal(Array("token".utf8), []))
        #expect(ConstantTime.equal([], []))
    }

    @Test func randomHexHasTwoDigitsPerByteAndDoesNotRepeat() {
        let a = RandomHex.make(bytes: 16)
        #expect(a.count == 32 && a.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(a != RandomHex.make(bytes: 16))
    }
}
