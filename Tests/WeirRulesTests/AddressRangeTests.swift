import Testing

@testable import WeirRules

struct AddressRangeTests {
    func address(_ text: String) -> UInt128 {
        AddressRange.parseAddress(Substring(text))!.0
    }

    @Test func ipv4AndCIDR() {
        let range = AddressRange("192.0.2.0/24")!
        #expect(range.contains(address("192.0.2.200")))
        #expect(!range.contains(address("192.0.3.1")))
        #expect(AddressRange("198.51.100.23")!.contains(address("198.51.100.23")))
        #expect(!AddressRange("198.51.100.23")!.contains(address("198.51.100.24")))
        #expect(AddressRange("0.0.0.0/0")!.contains(address("8.8.8.8")))
    }

    @Test func ipv6AndCIDR() {
        let range = AddressRange("2001:db8:bad::/48")!
        #expect(range.contains(address("2001:db8:bad::1")))
        #expect(range.contains(address("2001:db8:bad:ffff::9")))
        #expect(!range.contains(address("2001:db8:bae::1")))
        #expect(AddressRange("::1")!.contains(address("::1")))
        // An IPv4 range never matches an IPv6 address outside the mapped space.
        #expect(!AddressRange("0.0.0.0/0")!.contains(address("2001:db8::1")))
    }

    @Test(arguments: ["192.0.2.300", "192.0.2.0/33", "2001:db8::/129", "abc", "", "10.0.0.0/", "10.0.0.0/-1", "1.2.3.4/2x"])
    func invalid(_ text: String) {
        #expect(AddressRange(text) == nil)
    }
}
