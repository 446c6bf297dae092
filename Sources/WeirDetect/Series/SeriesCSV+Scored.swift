import Foundation

extension SeriesCSV {
    /// The scored CSV of `weir detect`: `timestamp,value,anomaly_score,label`, each row's
    /// timestamp and value as the input wrote them.
    public func scored(_ detection: SeriesDetection) -> String {
        var out = "timestamp,value,anomaly_score,label\n"
        out.reserveCapacity(values.count * 40)
        for (i, point) in detection.points.enumerated() {
            out += "\(timestampTexts[i]),\(valueTexts[i]),\(String(format: "%.6f", point.score)),\(point.label ? 1 : 0)\n"
        }
        return out
    }
}
