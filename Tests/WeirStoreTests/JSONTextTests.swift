import Foundation
import Logging
import Testing
import WeirDetect
import WeirModel
import WeirRules

@testable import WeirStore

struct JSONTextTests {
    @Test func stringListsRoundTripThroughTheFastEncoder() throws {
        let awkward = ["/a?b=\"c\"", "back\\slash", "tab\tnew\nline\u{01}", "nul\u{0}byte", "é🙂", ""]
        let text = JSONText.encode(awkward)
        #expect(try JSONText.decode([String].self, text) == awkward)
        // The store reads them back with the byte-level parser, NUL included (a junk log line
        // kept as an example must not make a task's findings unreadable).
        #expect(try JSONText.strings(text) == awkward)
        #expect(JSONText.encode([String]()) == "[]")
    }
}
