/// How well alarms found known anomalies: caught share, delay, false alarms.
public struct EventScore: Sendable, Equatable, Codable {
    public var anomalies: Int
    public var caught: Int
    /// Points from each caught anomaly's start to its first alarm.
    public var delays: [Int]
    public var falseAlarms: Int
    /// Points over which false alarms were counted.
    public var points: Int
    /// The NAB reward in its standard profile (``NABCostProfile/standard``) for the anomalies
    /// alone: each caught anomaly earns the weight of how early in its window (start to end +
    /// tolerance) the first alarm came, up to 1; each missed one costs 1. False alarms are priced
    /// apart (``utility(pointsPerAnomaly:)``).
    public var detectionReward: Double = 0
    /// Anomalies per kind (``AnomalyKind`` raw value), and how many of each were caught.
    public var anomaliesByKind: [String: Int] = [:]
    public var caughtByKind: [String: Int] = [:]

    /// Scores `alarms` (indices) against `anomalies`: an anomaly is caught by an alarm from its
    /// start to `tolerance` points after its end; any other alarm from `scoredFrom` on is false.
    public init(alarms: [Int], anomalies: [InjectedAnomaly], tolerance: Int, scoredFrom: Int, points: Int) {
        self.anomalies = anomalies.count
        var caught = 0
        var delays: [Int] = []
        var falseAlarms = 0
        let cost = NABCostProfile.standard
        var reward = 0.0
        for a in anomalies {
            anomaliesByKind[a.kind.rawValue, default: 0] += 1
            if let first = alarms.first(where: { $0 >= a.start && $0 <= a.end + tolerance }) {
                caught += 1
                caughtByKind[a.kind.rawValue, default: 0] += 1
                delays.append(first - a.start)
                let width = Double(a.end + tolerance - a.start + 1)
                let position = -Double(a.end + tolerance - first + 1) / width
                reward += cost.truePositiveWeight(at: position)
            } else {
                reward -= cost.falseNegative
            }
        }
        for alarm in alarms where alarm >= scoredFrom {
            if !anomalies.contains(where: { alarm >= $0.start && alarm <= $0.end + tolerance }) { falseAlarms += 1 }
        }
        detectionReward = reward
        self.caught = caught
        self.delays = delays
        self.falseAlarms = falseAlarms
        self.points = max(points - scoredFrom, 1)
    }

    public static let empty = EventScore(alarms: [], anomalies: [], tolerance: 0, scoredFrom: 0, points: 1)

    /// Adds another series' score.
    public static func + (a: EventScore, b: EventScore) -> EventScore {
        var s = a
        s.anomalies += b.anomalies
        s.caught += b.caught
        s.delays += b.delays
        s.falseAlarms += b.falseAlarms
        s.points += b.points
        s.detectionReward += b.detectionReward
        s.anomaliesByKind.merge(b.anomaliesByKind, uniquingKeysWith: +)
        s.caughtByKind.merge(b.caughtByKind, uniquingKeysWith: +)
        return s
    }

    /// Share of anomalies caught (1 when there were none).
    public var recall: Double { anomalies == 0 ? 1 : Double(caught) / Double(anomalies) }
    /// Share of alarms that were true.
    public var precision: Double { caught + falseAlarms == 0 ? 1 : Double(caught) / Double(caught + falseAlarms) }
    /// Harmonic mean of recall and precision.
    public var f1: Double { recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision) }
    public var falseAlarmsPerThousand: Double { Double(falseAlarms) * 1000 / Double(points) }
    public var medianDelay: Double { delays.isEmpty ? .nan : RobustStatistics.median(of: delays.map(Double.init)) }

    /// The expert system's objective: NAB's standard reward per anomaly (1 for every anomaly
    /// caught at its start and no false alarm), with each false alarm costing 0.11 of an anomaly
    /// as NAB charges it, at the rate false alarms would come between real anomalies
    /// `pointsPerAnomaly` points apart. Trials inject an anomaly every 80 to 200 points, far denser
    /// than real ones; charging their false alarms one by one per injected anomaly would price a
    /// detector's noise 20 to 40 times too low against what it catches.
    public func utility(pointsPerAnomaly: Double) -> Double {
        detectionReward / Double(max(anomalies, 1)) - falseAlarmCost(pointsPerAnomaly: pointsPerAnomaly)
    }

    /// What the false alarms cost per anomaly: 0.11 each, as NAB charges them, at the rate they
    /// would come between real anomalies `pointsPerAnomaly` points apart.
    public func falseAlarmCost(pointsPerAnomaly: Double) -> Double {
        NABCostProfile.standard.falsePositive * Double(falseAlarms) / Double(points) * pointsPerAnomaly
    }
}
