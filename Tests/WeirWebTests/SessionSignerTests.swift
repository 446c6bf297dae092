import Testing
import WeirWeb

@Suite struct SessionSignerTests {
    @Test func aSessionIsValidUntilItExpiresAndOnlyUnderItsToken() throws {
        let signer = SessionSigner(token: "t1")
        let (value, id) = signer.issue(now: 1_000)
        let session = try #require(signer.verify(value, now: 1_001))
        #expect(session.id == id)
        #expect(session.expiry == 1_000 + SessionSigner.lifetime)
        #expect(signer.verify(value, now: 1_000 + SessionSigner.lifetime) == nil)
        #expect(SessionSigner(token: "t2").verify(value, now: 1_001) == nil)
        let parts = value.split(separator: ".").map(String.init)
        let longer = "v1.\(Int64(parts[1])! + 100_000).\(parts[2]).\(parts[3])"
        #expect(signer.verify(longer, now: 1_001) == nil)
        for junk in ["", "v1", "v1...", "v1.x.y.z", String(repeating: "a", count: 5_000), "v1.99999999999999999999.\(parts[2]).\(parts[3])"] {
            #expect(signer.verify(junk, now: 1_001) == nil)
        }
        #expect(signer.issue(now: 1_000).id != id)
    }
}
