import Foundation
import WeirCore
import WeirDetect
import WeirGenerator
import WeirLog

/// Speed figures for detectors and the expert system (release builds).
public enum DetectorBenchmark {
    /// Points per second for each method over `points` points of flat Poisson traffic, pipeline
    /// included (calibration and suppression); the median of `runs`.
    public static func throughput(points: Int = 1_000_000, runs: Int = 3) -> [(MethodName, Double)] {
        var random = SeededRandom(seed: 42)
        let values = (0..<points).map { _ in random.poisson(20) + Double(random.below(3)) }
        return MethodName.allCases.map { name in
            let count = name == .knn || name == .mad ? points / 10 : points
            let seconds = median(
                (0..<runs).map { _ in
                    let pipeline = DetectionPipeline(try! MethodChoice(name: name), period: 1440)
                    let start = ContinuousClock.now
                    var sink = 0.0
                    for v in values.prefix(count) { sink += pipeline.score(v).score }
                    precondition(sink >= 0)
                    return start.duration(to: .now).seconds
                }
            )
            return (name, Double(count) / seconds)
        }
    }

    /// Seconds for the expert system to choose for a week of minute buckets with a daily cycle.
    public static func selectionSeconds(runs: Int = 3) -> (seconds: Double, report: SelectionReport) {
        let week = EvaluationCorpus.make("long", seed: 7).values.prefix(10_080)
        var report: SelectionReport?
        let seconds = median(
            (0..<runs).map { _ in
                let start = ContinuousClock.now
                report = ModelSelector().select(Array(week), bucketSeconds: 60)
                return start.duration(to: .now).seconds
            }
        )
        return (seconds, report!)
    }

    package static func median(_ v: [Double]) -> Double { RobustStatistics.median(of: v) }
}
