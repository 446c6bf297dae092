import Foundation
import Synchronization
import WeirCore
import WeirDetect

/// `weir detect-eval --nab DIR`: runs detection on every series of a NAB-layout directory, as
/// `weir detect` would (no labels at run time), and scores it with NAB's rules.
public struct NABEvaluation: Sendable {
    /// One series' outcome.
    public struct FileResult: Sendable {
        public let series: NABSeries
        public let scores: [Double]
        public let labels: [Bool]
        public var alarms: Int { labels.count { $0 } }
    }

    public let files: [FileResult]
    public let seconds: Double

    /// Detects on every series with `method` (`nil`: auto, with `selector`) and `params`, in
    /// parallel over `jobs` threads (the results do not depend on it).
    public init(
        _ corpus: [NABSeries],
        method: MethodName?,
        params: [String: Double],
        selector: ModelSelector = ModelSelector(),
        jobs: Int = 1
    ) throws {
        let started = ContinuousClock.now
        let results = Mutex([FileResult?](repeating: nil, count: corpus.count))
        let failure = Mutex<(any Error)?>(nil)
        let workers = max(1, min(jobs, corpus.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for i in stride(from: worker, to: corpus.count, by: workers) {
                do {
                    let s = corpus[i]
                    let d = try SeriesDetection(s.values, bucketSeconds: s.bucketSeconds, method: method, params: params, selector: selector)
                    let r = FileResult(series: s, scores: d.points.map(\.score), labels: d.points.map(\.label))
                    results.withLock { $0[i] = r }
                } catch {
                    failure.withLock { $0 = error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        files = results.withLock { $0.compactMap { $0 } }
        seconds = started.duration(to: .now).seconds
    }

    /// Scores under `cost` of the files `include` keeps.
    public func score(_ cost: NABCostProfile, include: (NABSeries) -> Bool = { _ in true }) -> NABScore {
        NABScorer.score(files.filter { include($0.series) }.map { ($0.series, $0.scores, $0.labels) }, cost: cost)
    }

    /// The report: each file's rows, windows and alarms, the scores per category (standard
    /// profile) and the corpus's scores under every profile.
    public func render() -> String {
        var out = "file                                                       rows  windows  alarms\n"
        for f in files {
            out += f.series.name.padding(toLength: 56, withPad: " ", startingAt: 0)
            out += String(format: " %6d  %7d  %6d\n", f.series.values.count, f.series.windows.count, f.alarms)
        }
        let standard = NABCostProfile.standard
        out += "\ncategory (standard profile)          files  alarms  oracle   fixed\n"
        let categories = Array(Set(files.map(\.series.category))).sorted()
        for category in categories {
            let chosen = files.filter { $0.series.category == category }
            let s = score(standard) { $0.category == category }
            out += category.padding(toLength: 36, withPad: " ", startingAt: 0)
            out += String(format: " %5d  %6d  %6.1f  %6.1f\n", chosen.count, chosen.reduce(0) { $0 + $1.alarms }, s.oracle, s.fixed)
        }
        out += "\nprofile               oracle  (threshold)   fixed\n"
        for profile in NABCostProfile.published {
            let s = score(profile)
            out += profile.name.padding(toLength: 20, withPad: " ", startingAt: 0)
            out += String(format: "  %6.1f  (%9.6f)  %6.1f\n", s.oracle, s.threshold, s.fixed)
        }
        out += String(format: "\n%d files, %d alarms, detection %.1f s\n", files.count, files.reduce(0) { $0 + $1.alarms }, seconds)
        return out
    }
}
