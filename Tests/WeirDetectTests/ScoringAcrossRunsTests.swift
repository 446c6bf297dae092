import Foundation
import Testing
import WeirCore
import WeirDetect

/// Scoring a task's minutes in one run or in many gives the same anomalies: detectors restart at
/// fixed instants (a week from the Unix epoch) and warm on the week before, so a bucket's score
/// never depends on where a run began; an anomaly still going when a run ends is reported again,
/// whole and with the same start, by the next.
struct ScoringAcrossRunsTests {
    /// 18 days of minutes: a daily cycle with noise, a level shift, spikes (one on a week
    /// boundary) and a dropout to zero.
    static func minutes() -> [FeatureBucket] {
        var rng = SeededRandom(seed: 11)
        let start: Int64 = 1_799_000_000 - 1_799_000_000 % 60
        let weekBoundary = (start / TaskModelling.epochSeconds + 1) * TaskModelling.epochSeconds
        let spikes: Set<Int64> = [weekBoundary - 120, weekBoundary + 60, start + 86_400 * 15 + 3_000]
        return (0..<(18 * 1_440)).map { i in
            let t = start + Int64(i) * 60
            let day = Double(i % 1_440) / 1_440
            let cycle: Double = 25 * (1 + sin(2 * Double.pi * day))
            let noise: Double = Double.random(in: 0..<8, using: &rng)
            var requests: Double = 40 + cycle + noise
            if (9 * 1_440..<(9 * 1_440 + 180)).contains(i) { requests += 120 }
            if spikes.contains(t) { requests *= 12 }
            if (13 * 1_440..<(13 * 1_440 + 45)).contains(i) { requests = 0 }
            let errors = spikes.contains(t + 60) ? Int64(requests / 2) : Int64.random(in: 0..<2, using: &rng)
            return FeatureBucket(start: t, requests: Int64(requests), errors5xx: min(errors, Int64(requests)))
        }
    }

    static func describe(_ a: TrafficAnomaly) -> String {
        "\(a.feature.rawValue) \(a.first)-\(a.last) observed \(a.observed) score \(a.score)"
    }

    @Test func chunkedScoringEqualsOneRunAcrossWeekBoundaries() {
        let all = Self.minutes()
        let model = TaskModelling.defaultModel(DetectionSettings())
        let end = all.last!.start + 60
        let whole = TaskModelling.score(model, minutes: all, from: nil, before: end).anomalies.map(Self.describe)
        #expect(whole.count >= 3, "\(whole)")
        var rng = SeededRandom(seed: 5)
        // Random cuts, and one inside an anomaly of eleven minutes (minutes 214 to 224), which
        // must come out as one anomaly all the same.
        let random = (0..<5).map { _ in Int.random(in: 1_000..<(all.count - 10), using: &rng) }
        let cuts = Set(random + [219]).sorted() + [all.count]
        var found: [String: TrafficAnomaly] = [:]
        var from: Int64?
        var continued = 0
        for cut in cuts {
            // What a run ending at minute `cut` has stored, from the warm start its scoring needs.
            let before = cut < all.count ? all[cut].start : end
            let warm = TaskModelling.warmStart(from: from ?? all[0].start, bucketSeconds: model.bucketSeconds)
            let stored = all[..<cut].filter { $0.start >= warm }
            let (anomalies, next) = TaskModelling.score(model, minutes: Array(stored), from: from, before: before)
            for a in anomalies {
                let key = "\(a.feature.rawValue) \(a.first)"
                #expect(a.continued == (found[key] != nil), "\(Self.describe(a)) continued \(a.continued)")
                if a.continued { continued += 1 }
                found[key] = a
            }
            from = next
        }
        let chunked = found.values.sorted { ($0.first, $0.feature.rawValue) < ($1.first, $1.feature.rawValue) }.map(Self.describe)
        #expect(chunked == whole)
        #expect(TaskModelling.warmStart(from: all[0].start, bucketSeconds: 60) % TaskModelling.epochSeconds == 0)
        #expect(continued >= 1, "an anomaly spans a cut")
    }
}
