import Foundation
import Logging
import Testing
import WeirDetect
import WeirRules

@testable import WeirStore

struct JSONTextTests {
    @Test func stringListsRoundTripThroughTheFastEncoder() throws {
        let awkward = ["/a?b=\"c\"", "back\\slash", "tab\tnew\nline\u{01}", "é🙂", ""]
        let text = JSONText.encode(awkward)
        #expect(try JSONText.decode([String].self, text) == awkward)
        #expect(JSONText.encode([String]()) == "[]")
    }
}
