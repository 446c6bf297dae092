import Testing
import WeirCore
import WeirGenerator

@testable import WeirDetect

@Suite struct SelectionTests {
    @Test func aSeasonalHistoryGetsASeasonAndRecordsEveryCandidate() {
        let report = ModelSelector().select(Series.daily(days: 4), bucketSeconds: 300)
        #expect(report.profile.period == 288)
        #expect(report.candidates.count == ModelSelector.candidates(method: nil, fixed: [:], period: 288).count)
        #expect(report.candidates.contains { $0.choice.name == .holtWinters })
        #expect(report.reason.contains("season of 288 points"))
    }

    @Test func shortHistoryKeepsTheDefaultAndSaysWhy() {
        let report = ModelSelector().select(Series.flat(50), bucketSeconds: 60)
        #expect(report.winner == ModelSelector.defaultChoice)
        #expect(report.reason.contains("only 50 points"))
    }

    @Test func theUsersAnswersAreKept() {
        let report = ModelSelector().select(Series.flat(600), bucketSeconds: 60, method: .zscore, fixed: ["k": 7])
        #expect(report.winner.name == .zscore)
        #expect(report.winner["k"] == 7)
        #expect(report.candidates.allSatisfy { $0.choice.name == .zscore && $0.choice["k"] == 7 })
    }

    @Test func aTieGoesToTheSimplerMethod() {
        let report = ModelSelector().select(Series.flat(1500), bucketSeconds: 60)
        let best = report.candidates.map(\.utility).max()!  // ties: simplest method first
        let tied = report.candidates.filter { $0.utility >= best - ModelSelector().tieMargin }
        #expect(report.winner.name == tied.map(\.choice.name).min())
    }

    @Test func unknownAndOutOfRangeParametersAreRefusedByName() {
        #expect(throws: DetectionError("method zscore has no parameter 'alpha' (it takes window, k)")) {
            try MethodChoice(name: .zscore, overrides: ["alpha": 0.5])
        }
        #expect(throws: DetectionError("parameter window of zscore must be a whole number, not 2.5")) {
            try MethodChoice(name: .zscore, overrides: ["window": 2.5])
        }
    }

    @Test func injectedAnomaliesAreWhereTheySay() {
        var values = Array(repeating: 100.0, count: 400)
        let a = AnomalyInjector.inject(.levelShift, into: &values, at: 100, noise: 1)!
        #expect(a.start == 100 && a.end == 159)
        #expect(values[99] == 100 && values[100] == 150 && values[159] == 150 && values[160] == 100)

        // A persistent shift: its window is 30 points, and the new level holds to the end.
        var shifted = Array(repeating: 100.0, count: 400)
        let p = AnomalyInjector.inject(.persistentShift, into: &shifted, at: 100, noise: 1)!
        #expect(p.start == 100 && p.end == 129)
        #expect(shifted[99] == 100 && shifted[100...].allSatisfy { $0 == 150 })

        // A dropout: 20 points at zero, the level back after them; none where the level is
        // within six times the noise, since zero would not stand out there.
        var dropped = Array(repeating: 100.0, count: 400)
        let d = AnomalyInjector.inject(.dropout, into: &dropped, at: 100, noise: 1)!
        #expect(d.start == 100 && d.end == 119)
        #expect(dropped[99] == 100 && dropped[100...119].allSatisfy { $0 == 0 } && dropped[120...].allSatisfy { $0 == 100 })
        var quiet = Array(repeating: 5.0, count: 400)
        #expect(AnomalyInjector.inject(.dropout, into: &quiet, at: 100, noise: 1) == nil)
        #expect(quiet.allSatisfy { $0 == 5 })
    }

    /// False alarms are priced at the rate real anomalies come, not per injected one: two false
    /// alarms in 1,000 points are eight between real anomalies 4,000 points apart.
    @Test func theObjectivePricesFalseAlarmsAtTheRateOfRealAnomalies() {
        let anomalies = [InjectedAnomaly(kind: .spike, start: 100, end: 100), InjectedAnomaly(kind: .drop, start: 500, end: 509)]
        let score = EventScore(alarms: [100, 300, 700], anomalies: anomalies, tolerance: 10, scoredFrom: 0, points: 1_000)
        #expect(score.caught == 1 && score.falseAlarms == 2)
        let caughtAtStart = NABCostProfile.standard.truePositiveWeight(at: -1)
        let perAnomaly = (caughtAtStart - 1) / 2
        #expect(abs(score.utility(pointsPerAnomaly: 4_000) - (perAnomaly - 0.11 * 8)) < 1e-9)
        #expect(abs(score.utility(pointsPerAnomaly: 500) - (perAnomaly - 0.11)) < 1e-9)
        #expect(ModelSelector().pointsPerAnomaly == 1_000)
    }

    /// On the history itself, an alarm at least half of the candidates raise (within 10 points)
    /// marks the history, not a method's noise; the rest are each method's own false alarms.
    @Test func alarmsMostCandidatesShareOnTheHistoryAreNotHeldAgainstAny() {
        let consensus = HistoryConsensus(alarms: [[50, 200], [55], [42, 300], [395]], points: 400)
        #expect(consensus.ownAlarms(of: 0) == [200])
        #expect(consensus.ownAlarms(of: 1) == [])
        #expect(consensus.ownAlarms(of: 2) == [300])
        #expect(consensus.ownAlarms(of: 3) == [395])
        // Two of four is not fewer than half: shared.
        #expect(HistoryConsensus(alarms: [[100], [110], [], []], points: 200).ownAlarms(of: 0) == [])
        #expect(HistoryConsensus(alarms: [[100], [111], [], []], points: 200).ownAlarms(of: 0) == [100])

        let report = ModelSelector().select(Series.flat(1500), bucketSeconds: 60)
        #expect(report.candidates.allSatisfy { $0.historyFalseAlarmsPerThousand != nil })
    }

    /// The expert system injects persistent shifts and dropouts; the generated corpus keeps its
    /// six kinds.
    @Test func selectionInjectsPersistentShiftsAndDropoutsAndTheCorpusKeepsItsKinds() {
        var random = SeededRandom(seed: 7)
        var values = Array(repeating: 100.0, count: 3_000)
        let placed = AnomalyInjector.injectAll(into: &values, from: 100, spacing: 150, noise: 1, random: &random)
        #expect(!placed.isEmpty && placed.allSatisfy { AnomalyKind.classic.contains($0.kind) })
        let trials = ModelSelector().makeTrials(
            Array(repeating: 100.0, count: 3_000),
            profile: SeriesProfile(Array(repeating: 100.0, count: 3_000), bucketSeconds: 60)
        )
        #expect(trials.allSatisfy { $0.anomalies.contains { $0.kind == .persistentShift } })
        #expect(trials.allSatisfy { $0.anomalies.contains { $0.kind == .dropout } })
    }
}

@Suite struct SeriesCSVTests {
    @Test func readsBothTimestampFormsAndKeepsTheText() throws {
        let csv = try SeriesCSV(text: "timestamp,value\n2026-01-01 00:00:00,1.5\n2026-01-01T00:01:00Z,2\n\n")
        #expect(csv.values == [1.5, 2])
        #expect(csv.timestampTexts == ["2026-01-01 00:00:00", "2026-01-01T00:01:00Z"])
        #expect(csv.bucketSeconds == 60)
    }

    @Test func namesTheLineThatIsWrong() {
        #expect(throws: DetectionError("line 3: value 'abc' is not a finite number")) {
            try SeriesCSV(text: "timestamp,value\n2026-01-01 00:00:00,1\n2026-01-01 00:01:00,abc\n")
        }
        #expect(throws: DetectionError("line 2: timestamp 'yesterday' is neither YYYY-MM-DD HH:MM:SS nor RFC 3339")) {
            try SeriesCSV(text: "timestamp,value\nyesterday,1\n")
        }
        #expect(throws: DetectionError.self) { try SeriesCSV(text: "time,count\n") }
    }
}
