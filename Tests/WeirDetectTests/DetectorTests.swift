import Foundation
import Testing
import WeirGenerator

@testable import WeirDetect

@Suite struct DetectorTests {
    @Test(arguments: MethodName.allCases)
    func tenfoldSpikeInFlatTrafficIsFlaggedWithinTwoPoints(_ method: MethodName) throws {
        var values = Series.flat(600)
        values[500] *= 10
        let points = try SeriesDetection(values, bucketSeconds: 60, method: method, params: [:]).points
        let alarms = points.indices.filter { points[$0].label }
        #expect(alarms.contains { (500...501).contains($0) }, "\(method): alarms at \(alarms)")
    }

    @Test func autoFlagsATenfoldSpikeWithinTwoPoints() throws {
        for at in [120, 450, 900] {
            var values = Series.flat(1000, seed: UInt64(at))
            values[at] *= 10
            let points = try SeriesDetection(values, bucketSeconds: 60, method: nil, params: [:]).points
            #expect(points[at].label || points[at + 1].label, "spike at \(at) not flagged")
        }
    }

    @Test func whiteNoiseAloneRaisesAlmostNoAlarms() throws {
        let values = Series.whiteNoise(5000)
        for method in [nil] + MethodName.allCases.filter({ !$0.isSeasonal }).map(Optional.some) {
            let alarms = try SeriesDetection(values, bucketSeconds: 60, method: method, params: [:]).points.filter(\.label).count
            #expect(alarms <= 10, "\(method?.rawValue ?? "auto"): \(alarms) alarms on 5000 points of white noise")
        }
    }

    @Test(arguments: [MethodName.seasonal, .holtWinters])
    func aDailyCycleAloneRaisesNoAlarm(_ method: MethodName) throws {
        let values = Series.daily(days: 6)
        let points = try SeriesDetection(values, bucketSeconds: 300, method: method, params: [:]).points
        #expect(points.indices.filter { points[$0].label }.isEmpty)
    }

    /// `auto` starts blind: it cannot know the season before it has seen two of them.
    @Test func autoOnADailyCycleAloneRaisesAtMostTwoAlarmsInSixDays() throws {
        let values = Series.daily(days: 6)
        let points = try SeriesDetection(values, bucketSeconds: 300, method: nil, params: [:]).points
        #expect(points.filter(\.label).count <= 2)
    }

    @Test(arguments: [nil] + MethodName.allCases.map(Optional.some))
    func scoresUseOnlyThePastAndStayInTheUnitInterval(_ method: MethodName?) throws {
        var values = Series.daily(days: 3)
        values[700] = 900
        let full = try SeriesDetection(values, bucketSeconds: 300, method: method, params: [:]).points
        #expect(full.allSatisfy { (0...1).contains($0.score) })
        for cut in [150, 450, 701] {
            let prefix = try SeriesDetection(Array(values.prefix(cut)), bucketSeconds: 300, method: method, params: [:]).points
            #expect(prefix == Array(full.prefix(cut)), "\(method?.rawValue ?? "auto"): a later point changed an earlier score")
        }
    }

    @Test func oneIncidentRaisesOneAlarm() throws {
        var values = Series.flat(800)
        for i in 600..<640 { values[i] *= 4 }
        let points = try SeriesDetection(values, bucketSeconds: 60, method: .zscore, params: ["window": 60]).points
        #expect(points[600..<640].filter(\.isAnomalous).count > 1)
        #expect(points[600..<660].filter(\.label).count == 1)
    }

    @Test func calibrationDampsSeveritiesTheDetectorProducesOften() {
        var calibrator = ScoreCalibrator(memory: 500, rareShare: 0.01)
        for i in 0..<500 { _ = calibrator.calibrate(i % 5 == 0 ? 1.5 : 0.2) }
        #expect(calibrator.calibrate(1.5) < 1)  // common: below the alert threshold now
        #expect(calibrator.calibrate(8) == 8)  // never seen: kept
    }
}
