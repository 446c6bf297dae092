import Foundation
import WeirDetect
import WeirGenerator
import WeirLog

/// Runs every method at its defaults, and `auto`, over a corpus, exactly as a task's traffic
/// features are scored: with lone spikes alarmed (`weir detect --spikes`).
public enum DetectorEvaluation {
    public static let tolerance = 10

    public static func evaluate(_ corpus: [LabelledSeries]) -> [EvaluationRow] {
        corpus.flatMap { s -> [EvaluationRow] in
            let fixed = MethodName.allCases.map { name -> EvaluationRow in
                let choice = try! MethodChoice(name: name)
                let period = SeriesProfile.dailyPeriod(bucketSeconds: s.bucketSeconds)
                let alarms = DetectionPipeline(choice, period: period, spikes: true).alarms(s.values)
                return EvaluationRow(series: s.name, method: name.rawValue, score: score(alarms, s))
            }
            let auto = try! AutoDetector(bucketSeconds: s.bucketSeconds, spikes: true)
            var alarms: [Int] = []
            for (i, v) in s.values.enumerated() where auto.score(v).label { alarms.append(i) }
            return fixed + [EvaluationRow(series: s.name, method: "auto", score: score(alarms, s))]
        }
    }

    package static func score(_ alarms: [Int], _ s: LabelledSeries) -> EventScore {
        EventScore(alarms: alarms, anomalies: s.anomalies, tolerance: tolerance, scoredFrom: 0, points: s.values.count)
    }
}
