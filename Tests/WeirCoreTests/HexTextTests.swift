import Testing
import WeirCore

struct HexTextTests {
    @Test func bytesAreTwoLowerCaseDigitsEach() {
        #expect(HexText.lowercase([UInt8]()) == "")
        #expect(HexText.lowercase([0x00, 0x0F, 0xA0, 0xFF, 0x5B]) == "000fa0ff5b")
    }
}
