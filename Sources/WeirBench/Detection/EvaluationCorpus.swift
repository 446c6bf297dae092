import Foundation
import WeirCore
import WeirDetect
import WeirGenerator
import WeirLog

/// The evaluation corpus: traffic shapes (flat, daily and weekly seasonal, trending, noisy,
/// sparse small counts, long) with anomalies of every kind at known places and random sizes
/// (0.7 to 1.5 times the injector's standard size). The same `split` always gives the same
/// series; split 0 is for development, split 1 is held out.
public enum EvaluationCorpus {
    public static let shapes = ["flat", "daily", "weekly", "trending", "noisy", "sparse", "long"]

    public static func series(split: UInt64, perShape: Int = 2) -> [LabelledSeries] {
        shapes.flatMap { shape in
            (0..<perShape).map { i in make(shape, seed: split &* 1_000_003 &+ UInt64(i) &* 7919 &+ UInt64(shape.hashValueStable)) }
        }
    }

    package static func make(_ shape: String, seed: UInt64) -> LabelledSeries {
        var random = SeededRandom(seed: seed)
        let (bucket, count): (Int, Int) =
            switch shape {
            case "daily": (300, 288 * 8)
            case "weekly": (3600, 168 * 5)
            case "long": (60, 1440 * 14)
            default: (60, 3000)
            }
        let base = 20 + 200 * random.unit()
        var clean: [Double] = (0..<count).map { i in
            let t = Double(i * bucket)
            let day = sin(2 * .pi * t / 86_400 - 2)
            let week = sin(2 * .pi * t / 604_800)
            let mean: Double =
                switch shape {
                case "daily", "long": base * (1 + 0.7 * day)
                case "weekly": base * (1 + 0.6 * day) * (1 + 0.3 * week)
                case "trending": base * (1 + 2 * Double(i) / Double(count))
                case "sparse": 1.5
                default: base
                }
            return shape == "noisy" ? mean * random.logNormal(median: 1, sigma: 0.35) : random.poisson(mean)
        }
        let noise = RobustStatistics.noise(of: clean)
        let warm = shape == "daily" || shape == "long" || shape == "weekly" ? count / 5 : 300
        let anomalies = AnomalyInjector.injectAll(
            into: &clean,
            from: warm,
            spacing: max(150, (count - warm) / 12),
            noise: noise,
            strengths: 0.7...1.5,
            random: &random
        )
        return LabelledSeries(name: "\(shape)-\(seed % 1000)", bucketSeconds: bucket, values: clean, anomalies: anomalies)
    }
}

extension String {
    /// A hash that does not change between processes (unlike `hashValue`).
    package var hashValueStable: UInt32 { utf8.reduce(2_166_136_261) { ($0 ^ UInt32($1)) &* 16_777_619 } }
}
