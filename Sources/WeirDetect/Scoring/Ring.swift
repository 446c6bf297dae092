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

    /// The mean and (population) variance of the stored values after the oldest `skip`, summed
    /// oldest first, without copying them.
    func moments(droppingFirst skip: Int) -> (mean: Double, variance: Double) {
        let n = max(count - skip, 0)
        let divisor = Double(max(n, 1))
        let first = (next - n + values.count) % values.count
        return values.withUnsafeBufferPointer { v in
            var sum = 0.0
            var i = first
            for _ in 0..<n {
                sum += v[i]
                i = i + 1 == v.count ? 0 : i + 1
            }
            let mean = sum / divisor
            var squares = 0.0
            i = first
            for _ in 0..<n {
                let d = v[i] - mean
                squares += d * d
                i = i + 1 == v.count ? 0 : i + 1
            }
            return (mean, squares / divisor)
        }
    }

    /// The stored values, oldest first.
    var ordered: [Double] { (0..<count).map { back(count - $0) } }
}
