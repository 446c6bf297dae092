/// Distance-based: the mean distance from the embedding of the last `dim` points to its
/// `neighbours` nearest among the last `window` embeddings, against the median of its own recent
/// distances.
public final class KNNDistance: Detector {
    private let dim: Int, neighbours: Int, k: Double
    private var values: Ring
    private var embeddings: [Double]
    private var stored = 0, nextSlot = 0
    private let capacity: Int
    private var distances: SortedWindow
    private var nearest: [Double]
    private var current: [Double]

    public init(dim: Int, window: Int, neighbours: Int, k: Double) {
        self.dim = max(dim, 1)
        self.neighbours = max(neighbours, 1)
        self.k = k
        capacity = max(window, neighbours + 1)
        values = Ring(capacity: max(dim, 1))
        embeddings = Array(repeating: 0, count: capacity * max(dim, 1))
        distances = SortedWindow(capacity: 101)
        nearest = Array(repeating: .infinity, count: max(neighbours, 1))
        current = Array(repeating: 0, count: max(dim, 1))
    }

    public func step(_ x: Double) -> DetectorStep {
        values.push(x)
        guard values.isFull else { return .warmingUp(x) }
        for i in 0..<dim { current[i] = values.back(dim - i) }
        guard stored > neighbours else {
            remember()
            return .warmingUp(x)
        }
        let (distance, closest) = nearestDistance()
        let typical = distances.median
        let scale = Detectors.floor(typical.isNaN ? distance : typical, level: x) * k
        let result =
            distances.count < 20
            ? DetectorStep.warmingUp(x)
            : DetectorStep(severity: distance / scale, expected: closest, halfWidth: scale)
        distances.push(min(distance, scale))
        remember()
        return result
    }

    /// The mean of the `neighbours` smallest distances, and the newest value of the closest embedding.
    /// The scan works on the arrays' storage directly: a class's stored arrays read in a loop
    /// would be checked for exclusive access at every read.
    private func nearestDistance() -> (Double, Double) {
        let (dim, neighbours, stored) = (dim, neighbours, stored)
        var closest = current[dim - 1]
        var nearest: [Double] = []
        swap(&nearest, &self.nearest)
        nearest.withUnsafeMutableBufferPointer { near in
            for i in 0..<neighbours { near[i] = .infinity }
            var best = Double.infinity
            embeddings.withUnsafeBufferPointer { e in
                current.withUnsafeBufferPointer { c in
                    for index in 0..<stored {
                        let base = index * dim
                        var d2 = 0.0
                        for i in 0..<dim {
                            let d = e[base + i] - c[i]
                            d2 += d * d
                        }
                        if d2 < near[neighbours - 1] { Self.insert(d2, into: near) }
                        if d2 < best {
                            best = d2
                            closest = e[base + dim - 1]
                        }
                    }
                }
            }
        }
        let mean = nearest.reduce(0) { $0 + $1.squareRoot() } / Double(neighbours)
        swap(&nearest, &self.nearest)
        return (mean, closest)
    }

    /// Puts `d2` in its place among the sorted smallest distances, dropping the largest.
    @inline(__always)
    private static func insert(_ d2: Double, into nearest: UnsafeMutableBufferPointer<Double>) {
        var i = nearest.count - 1
        while i > 0 && nearest[i - 1] > d2 {
            nearest[i] = nearest[i - 1]
            i -= 1
        }
        nearest[i] = d2
    }

    private func remember() {
        let base = nextSlot * dim
        for i in 0..<dim { embeddings[base + i] = current[i] }
        nextSlot = (nextSlot + 1) % capacity
        stored = min(stored + 1, capacity)
    }
}
