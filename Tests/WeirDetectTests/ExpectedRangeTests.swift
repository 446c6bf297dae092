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
}
