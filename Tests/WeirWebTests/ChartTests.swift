import Testing
import WeirDetect

@testable import WeirWeb

@Suite struct ChartTests {
    @Test func slotsAreContiguousWithGapsAsNoTrafficAndMinutesMerged() {
        let minutes = [
            FeatureBucket(start: 600, requests: 3, distinctClients: 2, errors4xx: 1),
            FeatureBucket(start: 780, requests: 5, distinctClients: 4, errors5xx: 5),
        ]
        let perMinute = ChartSeries.slots(minutes, step: 60)
        #expect(perMinute.map(\.start) == [600, 660, 720, 780])
        #expect(perMinute.map(\.requests) == [3, 0, 0, 5])
        let perTwo = ChartSeries.slots(minutes, step: 120)
        #expect(perTwo.map(\.start) == [600, 720])
        #expect(perTwo.map(\.requests) == [3, 5])
        #expect(ChartSeries.slots([], step: 60).isEmpty)
        #expect(ChartSeries.step(spanning: 604_800, maxPoints: 720) == 840)
        #expect(ChartSeries.step(spanning: 3_600, maxPoints: 720) == 60)
    }

    @Test func aWeekOfMinutesIsDrawnInAtMostMaxPointsEachWithTheSameCount() {
        let minutes = (0..<10_080).map { FeatureBucket(start: 1_800_000_000 + Int64($0) * 60, requests: Int64($0 % 50), distinctClients: 3) }
        let charts = ChartBuilder.charts(minutes: minutes, span: 604_800, anomalies: [])
        #expect(charts.count == 4)
        for chart in charts {
            #expect(chart.pointCount <= ChartBuilder.maxPoints + 1)
            #expect(chart.series[0].points.split(separator: " ").count == chart.pointCount)
        }
    }

    @Test func pointsStayInsideThePlotAndTheBandNeverLooksAhead() {
        let points = ChartGeometry.points([0, 5, 10, 20], width: 100, height: 50, top: 10)
        #expect(points == "0,49 33.3,25 66.7,1 100,1")
        #expect(ChartGeometry.niceCeiling(0) == 1)
        #expect(ChartGeometry.niceCeiling(7) == 10)
        #expect(ChartGeometry.niceCeiling(120) == 200)
        #expect(ChartGeometry.niceCeiling(0.03) == 0.05)
        let values = (0..<40).map { Double($0 % 3) }
        let band = ChartGeometry.band(values, width: 390, height: 50, top: 10)
        var changed = values
        changed[39] = 1_000
        #expect(ChartGeometry.band(changed, width: 390, height: 50, top: 10) == band)  // the last point does not move its own band
        #expect(ChartGeometry.band(Array(values.prefix(10)), width: 390, height: 50, top: 10) == nil)
    }

    @Test func theModelsRangesAreTheBandWhereItsBucketsAreTheSlots() throws {
        let minutes = (0..<60).map { FeatureBucket(start: 6_000 + Int64($0) * 60, requests: 10, errors4xx: 1) }
        let ranges = minutes.map { ExpectedRange(start: $0.start, low: 8, high: 12) }
        let shares = minutes.map { ExpectedRange(start: $0.start, low: 0.05, high: 0.15) }
        let perMinute = ExpectedBands(bucketSeconds: 60, ranges: [.requests: ranges, .errors4xx: shares])
        let charts = ChartBuilder.charts(minutes: minutes, span: 3_600, anomalies: [], expected: perMinute)
        #expect(charts[0].caption.hasSuffix("shaded: the range the task's model expected"))
        let band = try #require(charts[0].band)
        #expect(band.split(separator: " ").count == 120)
        #expect(band.hasPrefix("0,\(ChartGeometry.coordinate(ChartGeometry.y(12, height: 160, top: 10)))"))
        #expect(charts[1].band?.contains(ChartGeometry.coordinate(ChartGeometry.y(15, height: 160, top: 10))) == true, "shares drawn in %")
        #expect(charts[3].caption.contains("median of the previous 30 points"), "clients: no model range, the rolling band")
        let fiveMinutes = ExpectedBands(bucketSeconds: 300, ranges: [.requests: ranges])
        let other = ChartBuilder.charts(minutes: minutes, span: 3_600, anomalies: [], expected: fiveMinutes)
        #expect(other[0].caption.contains("median of the previous 30 points"), "buckets that are not the slots are not drawn")
    }

    @Test func anomaliesAreMarkedOverTheirSpan() {
        let minutes = (0..<61).map { FeatureBucket(start: Int64($0) * 60, requests: 1) }
        let charts = ChartBuilder.charts(minutes: minutes, span: 3_600, anomalies: [TimeSpan(first: 1_800, last: 2_400, label: "a burst")])
        let mark = try! #require(charts.first?.marks.first)
        #expect(mark.label == "a burst")
        #expect(mark.x == "359")
        #expect(mark.w == "120")
        let outside = ChartBuilder.charts(minutes: minutes, span: 3_600, anomalies: [TimeSpan(first: 90_000, last: 90_060, label: "later")])
        #expect(outside.first?.marks.isEmpty == true)
    }
}
