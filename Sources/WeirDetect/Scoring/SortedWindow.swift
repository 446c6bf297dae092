/// The last `capacity` values, also kept in order, so that their median costs nothing: each new
/// value is put in its place by binary search and the value it pushes out is taken from its.
struct SortedWindow {
    private var ring: Ring
    /// The values in the window, ascending, but for NaNs, which have no place in an order and
    /// are only counted.
    private(set) var sorted: [Double] = []
    private var nans = 0

    init(capacity: Int) {
        ring = Ring(capacity: capacity)
        sorted.reserveCapacity(ring.capacity)
    }

    var count: Int { sorted.count + nans }

    /// The middle value of those that are not NaN, or the mean of the two middle ones; NaN when
    /// there are none.
    var median: Double {
        let n = sorted.count
        guard n > 0 else { return .nan }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// Adds `x`, dropping the oldest value when the window is full.
    mutating func push(_ x: Double) {
        if let old = ring.push(x) {
            if old.isNaN {
                nans -= 1
            } else if let i = index(of: old) {
                sorted.remove(at: i)
            }
        }
        if x.isNaN { nans += 1 } else { sorted.insert(x, at: insertionPoint(x)) }
    }

    private func insertionPoint(_ x: Double) -> Int {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private func index(of x: Double) -> Int? {
        let i = insertionPoint(x)
        return i < sorted.count && sorted[i] == x ? i : nil
    }
}
