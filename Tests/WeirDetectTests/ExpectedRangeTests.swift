import Testing
import WeirDetect

/// The ranges the dashboard draws are the ones the runs' scoring used.
@Suite struct ExpectedRangeTests {
    @Test func everyAnomalysExpectedRangeIsAmongTheRangesOfItsBuckets() throws {
        let start: Int64 = 1_800_000_000 / 604_800 * 604_800
        var minutes = (0..<(3 * 10_080)).map { i in
            FeatureBucket(start: start + Int64(i) * 60, requests: 100 + Int64((i * 37) % 11), distinctClients: 20, errors4xx: 2)
        }
        for i in 25_000..<25_020 { minutes[i].requests = 900 }
        let model = TaskModelling.defaultModel(DetectionSettings())
        let from = start + 2 * 604_800
        let (anomalies, _) = TaskModelling.score(model, minutes: minutes, from: from, before: minutes[minutes.count - 1].start + 60)
        let burst = try #require(anomalies.first { $0.feature == .requests })
        let ranges = TaskModelling.expectedRanges(model, minutes: minutes, from: from)
        let requests = try #require(ranges[.requests])
        #expect(requests.count == 10_080)
        #expect(requests.first?.start == from)
        let during = requests.filter { $0.start >= burst.first && $0.start <= burst.last }
        #expect(during.contains { $0.low == burst.expectedLow && $0.high == burst.expectedHigh })
        #expect(during.allSatisfy { $0.high < 900 }, "the burst is outside what was expected")
    }

    /// `GET /tasks/{id}/model` shows the latest bucket's score and the likelihood behind it: the
    /// same score a pipeline warmed on the epoch before gives, and a fitted normal once warm.
    @Test func theLatestScoreIsTheScoringsOwnWithTheLikelihoodBehindIt() throws {
        let start: Int64 = 1_800_000_000 / 604_800 * 604_800 + 604_800 - 300 * 60
        // 300 minutes before an epoch begins and 500 after: the last epoch's pipeline is warmed
        // on the 300, so it has seen 800 points.
        let minutes = (0..<800).map { i in
            FeatureBucket(start: start + Int64(i) * 60, requests: 100 + Int64((i * 37) % 23), distinctClients: 20, errors4xx: 2)
        }
        let model = TaskModelling.defaultModel(DetectionSettings())
        let latest = try #require(TaskModelling.latestScores(model, minutes: minutes).first { $0.feature == .requests })
        let f = try #require(model.features.first { $0.feature == .requests })
        let direct = DetectionPipeline(f.choice, period: f.period).scoreAll(minutes.map { Double($0.requests) })
        #expect(latest.bucketStart == minutes[799].start && latest.observed == Double(minutes[799].requests))
        #expect(latest.score == direct[799].score && latest.expectedHigh == direct[799].expectedHigh)
        #expect(latest.likelihood.pointsSeen == 800 && latest.likelihood.isWarm)
        #expect(latest.likelihood.fittedMean != nil && latest.likelihood.fittedDeviation != nil)

        // The first 200 minutes of the epoch alone: still warming up, no normal fitted.
        let early = try #require(TaskModelling.latestScores(model, minutes: Array(minutes.prefix(200))).first { $0.feature == .requests })
        #expect(!early.likelihood.isWarm && early.likelihood.pointsSeen == 200 && early.likelihood.fittedMean == nil)
    }
}
