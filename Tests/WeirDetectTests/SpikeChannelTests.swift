import Foundation
import Testing
import WeirCore
import WeirGenerator

@testable import WeirDetect

/// The spike channel: a lone flood minute alarms at once with `spikes`, a series that spikes
/// often learns that its spikes are normal, and without `spikes` nothing changes.
@Suite struct SpikeChannelTests {
    /// Minute counts around 220 for the first 300 minutes, then around 100, with a lone minute at
    /// 200 after the likelihood's warm-up: ten standard deviations, but no new extreme, and
    /// diluted by the likelihood's ten-point average.
    static func floodMinute(at index: Int) -> [Double] {
        var values = Series.flat(300, level: 220, seed: 6) + Series.flat(1_200, level: 100, seed: 7)
        values[index] = 200
        return values
    }

    @Test(arguments: [nil] + MethodName.allCases.map(Optional.some))
    func aLoneFloodMinuteAlarmsAtOnceWithSpikes(_ method: MethodName?) throws {
        let values = Self.floodMinute(at: 1_000)
        let points = try SeriesDetection(values, bucketSeconds: 60, method: method, params: [:], spikes: true).points
        #expect(points[1_000].label && points[1_000].score == 1, "\(method?.rawValue ?? "auto"): \(points[1_000])")
        let alarms = points.indices.filter { points[$0].label && $0 >= 600 }
        #expect(alarms.count <= 2, "\(method?.rawValue ?? "auto"): alarms at \(alarms)")
    }

    @Test func withoutSpikesTheLikelihoodDampsALoneMinute() throws {
        let values = Self.floodMinute(at: 1_000)
        let points = try SeriesDetection(values, bucketSeconds: 60, method: .mad, params: [:]).points
        #expect(!points[1_000].isAnomalous, "\(points[1_000])")
    }

    @Test func aSeriesThatSpikesOftenCalibratesItsOwnTail() {
        var channel = SpikeChannel()
        var r = SeededRandom(seed: 3)
        var fired: [Int] = []
        for i in 0..<3_000 {
            let x = r.poisson(100) + (i % 40 == 39 ? 80 : 0)
            if channel.isSpike(x) { fired.append(i) }
        }
        // One minute in forty jumps by eight standard deviations: 75 jumps, of which only the
        // largest, in the top hundredth of the last day's deviations, fire.
        #expect(fired.count <= 15, "fired at \(fired)")
        #expect(fired.allSatisfy { $0 % 40 == 39 }, "fired at \(fired)")
    }

    @Test func noSpikeFiresBeforeTheWarmUpOrOnAFlatSeries() {
        var channel = SpikeChannel(memory: 1_000, warmup: 200)
        var early: [Int] = []
        for i in 0..<199 where channel.isSpike(i == 100 ? 1e9 : 5) { early.append(i) }
        #expect(early.isEmpty)
        var flat = SpikeChannel()
        var fired = 0
        for _ in 0..<2_000 where flat.isSpike(42) { fired += 1 }
        let moved = flat.isSpike(84)
        #expect(fired == 0 && moved)
    }

    @Test func extremeValuesNeitherTrapNorFire() {
        var channel = SpikeChannel()
        for x in [Double.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0] {
            _ = channel.isSpike(x)
        }
        for i in 0..<300 { _ = channel.isSpike(Double(i % 7)) }
        #expect(SpikeChannel.bin(.nan) == 0 && SpikeChannel.bin(.infinity) == SpikeChannel.binCount - 1)
    }
}

/// Selection and the sorted window give what sorting gives, on random, tied and NaN-laden input.
@Suite struct RobustStatisticsTests {
    @Test func selectionAndMediansAgreeWithSorting() {
        var random = SeededRandom(seed: 9)
        for n in [1, 2, 3, 4, 5, 60, 101, 1_000] {
            for ties in [false, true] {
                let values = (0..<n).map { _ in ties ? Double(random.below(3)) : random.normal() }
                let sorted = values.sorted()
                for k in Set([0, n / 2, n - 1]) {
                    var copy = values
                    #expect(RobustStatistics.select(&copy, k) == sorted[k])
                    #expect(copy[..<k].allSatisfy { $0 <= sorted[k] } && copy[(k + 1)...].allSatisfy { $0 >= sorted[k] })
                }
                let expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
                #expect(RobustStatistics.median(of: values) == expected)
            }
        }
        var withNaN = [3, .nan, 1, 2, .nan]
        _ = RobustStatistics.select(&withNaN, 2)  // ends, whatever it returns
    }

    @Test func theSortedWindowKeepsTheLastValuesInOrder() {
        var random = SeededRandom(seed: 10)
        var window = SortedWindow(capacity: 7)
        var last: [Double] = []
        for i in 0..<500 {
            let x = i % 50 == 0 ? Double.nan : Double(random.below(5))
            window.push(x)
            last = Array((last + [x]).suffix(7))
            #expect(window.count == last.count)
            let finite = last.filter { !$0.isNaN }.sorted()
            if finite.count == last.count {
                #expect(window.sorted == finite && window.median == RobustStatistics.median(of: finite))
            }
        }
    }
}
