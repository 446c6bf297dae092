import WeirCore

/// Adds anomalies of realistic size on top of a series, keeping its season and noise.
public enum AnomalyInjector {
    /// Injects `kind` at `start`; `nil` when it would not stand out (a drop in a series whose
    /// level is within its noise). Sizes are relative to the level just before `start` and to
    /// the series' noise, so they are anomalies whatever the scale.
    public static func inject(
        _ kind: AnomalyKind,
        into values: inout [Double],
        at start: Int,
        noise: Double,
        strength: Double = 1
    ) -> InjectedAnomaly? {
        let end = min(start + kind.length - 1, values.count - 1)
        guard start > 0, start <= end else { return nil }
        let local = RobustStatistics.median(of: values[max(0, start - 30)..<start])
        let scale = max(abs(local), 1e-9) * strength
        let noise = noise * strength
        let nonNegative = values[max(0, start - 30)..<start].allSatisfy { $0 >= 0 }
        func add(_ i: Int, _ delta: Double) {
            values[i] += delta
            if nonNegative { values[i] = max(values[i], 0) }
        }
        switch kind {
        case .spike:
            add(start, max(6 * noise, 1.0 * scale))
        case .drop:
            let delta = max(6 * noise, 0.7 * scale)
            guard local > 6 * noise else { return nil }
            for i in start...end { add(i, -delta) }
        case .levelShift:
            for i in start...end { add(i, max(5 * noise, 0.5 * scale)) }
        case .ramp:
            let top = max(8 * noise, 0.8 * scale)
            for i in start...end { add(i, top * min(1, Double(i - start + 1) / 40)) }
        case .flood:
            for i in start...end { add(i, max(10 * noise, 3 * scale)) }
        case .errorBurst:
            for i in start...end { add(i, max(6 * noise, 1.0 * scale)) }
        case .persistentShift:
            for i in start..<values.count { add(i, max(5 * noise, 0.5 * scale)) }
        case .dropout:
            guard local > 6 * noise else { return nil }
            for i in start...end { values[i] = 0 }
        }
        return InjectedAnomaly(kind: kind, start: start, end: end)
    }

    /// Places anomalies of the given kinds (the ``AnomalyKind/classic`` six by default), in a
    /// shuffled order, from `from` on, one every `spacing` points with some jitter; returns where
    /// they went.
    public static func injectAll(
        into values: inout [Double],
        from: Int,
        spacing: Int,
        noise: Double,
        kinds: [AnomalyKind] = AnomalyKind.classic,
        strengths: ClosedRange<Double> = 1...1,
        random: inout SeededRandom
    ) -> [InjectedAnomaly] {
        var placed: [InjectedAnomaly] = []
        var order = kinds
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.below(i + 1)) }
        var position = from + random.below(max(spacing / 4, 1))
        var index = 0
        while position + spacing / 2 < values.count && index < order.count * 4 {
            let strength = strengths.lowerBound + (strengths.upperBound - strengths.lowerBound) * random.unit()
            if let a = inject(order[index % order.count], into: &values, at: position, noise: noise, strength: strength) {
                placed.append(a)
            }
            index += 1
            position += spacing + random.below(max(spacing / 4, 1))
        }
        return placed
    }
}
