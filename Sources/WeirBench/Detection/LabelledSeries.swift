import Foundation
import WeirDetect
import WeirGenerator
import WeirLog

/// A labelled series of the evaluation corpus.
public struct LabelledSeries: Sendable {
    public var name: String
    public var bucketSeconds: Int
    public var values: [Double]
    public var anomalies: [InjectedAnomaly]
}

extension LabelledSeries {
    /// `timestamp,value,is_anomaly`, timestamps from 2026-01-05 00:00:00 UTC.
    public func csv() -> String {
        var text = "timestamp,value,is_anomaly\n"
        var inside = Set<Int>()
        for a in anomalies { for i in a.start...a.end { inside.insert(i) } }
        for (i, v) in values.enumerated() {
            text += "\(Timestamps.rfc3339(1_767_571_200 + Int64(i * bucketSeconds))),\(MethodChoice.display(v)),\(inside.contains(i) ? 1 : 0)\n"
        }
        return text
    }
}
