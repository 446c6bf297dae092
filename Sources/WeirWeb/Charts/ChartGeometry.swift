/// Numbers to SVG coordinates: points of a line, the top of an axis, an expected band.
enum ChartGeometry {
    /// The `points` of a polyline over `width` × `height`, `top` at the top edge and 0 at the
    /// bottom; values above `top` are drawn at the top.
    static func points(_ values: [Double], width: Double, height: Double, top: Double) -> String {
        values.indices.map { i in
            "\(coordinate(x(i, count: values.count, width: width))),\(coordinate(y(values[i], height: height, top: top)))"
        }
        .joined(separator: " ")
    }

    /// The x of the `index`th of `count` points (one point sits in the middle).
    static func x(_ index: Int, count: Int, width: Double) -> Double {
        count <= 1 ? width / 2 : Double(index) * width / Double(count - 1)
    }

    /// The y of `value`, clamped to the plot.
    static func y(_ value: Double, height: Double, top: Double) -> Double {
        let share = top > 0 ? min(max(value / top, 0), 1) : 0
        return height - 1 - share * (height - 2)
    }

    /// The smallest of 1, 2 and 5 times a power of ten that is at least `value` (1 for 0).
    static func niceCeiling(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        while power > value { power /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }

    /// The band a point is expected in: the median of the previous `window` points ± 3 scaled
    /// median absolute deviations, from the `minimum`th point on (no look-ahead). The polygon's
    /// points, or `nil` when the series is too short.
    static func band(_ values: [Double], width: Double, height: Double, top: Double, window: Int = 30, minimum: Int = 10) -> String? {
        guard values.count > minimum else { return nil }
        let ranges = (minimum..<values.count).map { i in
            let past = Array(values[max(0, i - window)..<i])
            let median = Self.median(past)
            let spread = 3 * 1.4826 * Self.median(past.map { abs($0 - median) })
            return (index: i, low: median - spread, high: median + spread)
        }
        return polygon(ranges, count: values.count, width: width, height: height, top: top)
    }

    /// A band's polygon: the highs left to right, then the lows back, each at its point's x among
    /// `count`; lows below 0 are drawn at 0. `nil` without ranges.
    static func polygon(_ ranges: [(index: Int, low: Double, high: Double)], count: Int, width: Double, height: Double, top: Double) -> String? {
        guard !ranges.isEmpty else { return nil }
        let upper = ranges.map { "\(coordinate(x($0.index, count: count, width: width))),\(coordinate(y($0.high, height: height, top: top)))" }
        let lower = ranges.reversed().map {
            "\(coordinate(x($0.index, count: count, width: width))),\(coordinate(y(max(0, $0.low), height: height, top: top)))"
        }
        return (upper + lower).joined(separator: " ")
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// A chart's top value as people read it: 1.5k, 20M, 0.05.
    static func label(_ value: Double) -> String {
        for (suffix, size) in [("G", 1e9), ("M", 1e6), ("k", 1e3)] where value >= size {
            return coordinate(value / size) + suffix
        }
        return value >= 0.1 || value == 0 ? coordinate(value) : "\(value)"
    }

    /// A coordinate with one decimal, the way SVG reads it.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
