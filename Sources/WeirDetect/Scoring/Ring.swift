/// A fixed-length ring of the latest values.
struct Ring {
    private(set) var values: [Double]
    private(set) var count = 0
    private var next = 0

    init(capacity: Int) { values = Array(repeating: 0, count: max(capacity, 1)) }

    var capacity: Int { values.count }
    var isFull: Bool { count == values.count }

    /// Adds `x`; returns the value it pushed out, if the ring was full.
    @discardableResult
    mutating func push(_ x: Double) -> Double? {
        let old = isFull ? values[next] : nil
        values[next] = x
        next = (next + 1) % values.count
        count = min(count + 1, values.count)
        return old
    }

    /// The value `lag` points back (1 is the newest).
    func back(_ lag: Int) -> Double { values[(next - lag + values.count * 2) % values.count] }

    /// The stored values, oldest first.
    var ordered: [Double] { (0..<count).map { back(count - $0) } }
}
