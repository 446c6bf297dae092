import Testing
import WeirCore

struct DecimalTextTests {
    @Test(arguments: [
        (0.0, 2, "0.00"), (2.5, 2, "2.50"), (11.666, 2, "11.67"), (8.925, 2, "8.93"), (0.005, 2, "0.01"),
        (-0.5, 2, "-0.50"), (-0.004, 2, "0.00"), (-12.345, 1, "-12.3"), (1234.0, 0, "1234"), (-0.6, 0, "-1"),
        (0.1, 9, "0.100000000"),
    ])
    func fixedPlaces(value: Double, places: Int, expected: String) {
        #expect(DecimalText.fixed(value, places: places) == expected)
    }

    @Test func hugeAndNonFiniteValuesPrintWithoutTrapping() {
        #expect(DecimalText.fixed(-1e300, places: 2) == "-1e+300")
        #expect(DecimalText.fixed(1e19, places: 0) == "1e+19")
        #expect(DecimalText.fixed(.infinity, places: 2) == "inf")
        #expect(DecimalText.fixed(.nan, places: 2) == "nan")
        #expect(DecimalText.trimmed(-1e300, places: 3) == "-1e+300")
    }

    @Test func trimmedDropsTrailingZeros() {
        #expect(DecimalText.trimmed(3.0, places: 2) == "3")
        #expect(DecimalText.trimmed(0.125, places: 2) == "0.13")
        #expect(DecimalText.trimmed(-0.5, places: 3) == "-0.5")
        #expect(DecimalText.trimmed(0.1234, places: 3) == "0.123")
    }
}
