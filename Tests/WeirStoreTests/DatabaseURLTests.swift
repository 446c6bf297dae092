import Foundation
import Logging
import Testing
import WeirDetect
import WeirModel
import WeirRules

@testable import WeirStore

struct DatabaseURLTests {
    @Test func formsAndErrors() throws {
        #expect(try DatabaseURL("sqlite:weir.sqlite") == .sqlite(path: "weir.sqlite"))
        #expect(try DatabaseURL("sqlite:///var/lib/weir.sqlite") == .sqlite(path: "/var/lib/weir.sqlite"))
        #expect(try DatabaseURL("postgres://u:p@localhost:5432/weir") == .postgres("postgres://u:p@localhost:5432/weir"))
        #expect(throws: StoreError.self) { try DatabaseURL("mysql://x") }
        #expect(throws: StoreError.self) { try DatabaseURL("sqlite:") }
    }
}
