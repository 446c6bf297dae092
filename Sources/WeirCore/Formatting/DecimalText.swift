/// Weir's one way to print a decimal number: fixed places, rounded half away from zero, without
/// Foundation and without an integer conversion that could trap. Values too large for exact
/// integer arithmetic at the asked precision (and NaN or infinities) print as Swift's own
/// description (`-1e+300`, `inf`), never crash.
public enum DecimalText {
    /// `value` with exactly `places` decimals (0 to 9): `fixed(2.5, places: 2)` is `2.50`,
    /// `fixed(-0.004, places: 2)` is `0.00`, `fixed(-1.005, places: 1)` is `-1.0`.
    public static func fixed(_ value: Double, places: Int) -> String {
        let places = min(max(places, 0), 9)
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded()
        guard value.isFinite, scaled < 9.0e18 else { return "\(value)" }
        let units = Int64(scaled)
        let whole = units / scale
        let sign = value < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        let fraction = String(units % scale)
        return "\(sign)\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }

    /// `value` with at most `places` decimals and no trailing zeros: `trimmed(0.125, places: 2)`
    /// is `0.13`, `trimmed(3.0, places: 2)` is `3`.
    public static func trimmed(_ value: Double, places: Int) -> String {
        var text = fixed(value, places: places)
        guard text.contains("."), !text.contains("e"), value.isFinite else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
