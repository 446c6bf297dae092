import Foundation
import WeirDetect
import WeirLog

/// A directory in NAB's layout: `data/CATEGORY/FILE.csv` (`timestamp,value`) and
/// `labels/combined_windows.json` (each file's anomaly windows as pairs of timestamps).
public enum NABCorpus {
    /// Every labelled series of `directory`, in the labels' order; a missing file, an unreadable
    /// row or a window whose ends are not rows of its file is an error naming it.
    public static func load(_ directory: String) throws -> [NABSeries] {
        let root = URL(fileURLWithPath: directory)
        let labelsURL = root.appendingPathComponent("labels/combined_windows.json")
        guard let labelData = FileManager.default.contents(atPath: labelsURL.path) else {
            throw DetectionError("cannot read \(labelsURL.path): is \(directory) a NAB directory (data/, labels/combined_windows.json)?")
        }
        let labels: [String: [[String]]]
        do { labels = try JSONDecoder().decode([String: [[String]]].self, from: labelData) } catch {
            throw DetectionError("\(labelsURL.path) is not a JSON object of file names to lists of [start, end] timestamps")
        }
        return try labels.keys.sorted().map { name in
            let path = root.appendingPathComponent("data").appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else { throw DetectionError("cannot read \(path)") }
            let csv: SeriesCSV
            do { csv = try SeriesCSV(text: String(decoding: data, as: UTF8.self)) } catch { throw DetectionError("\(name): \(error)") }
            let rowOf = Dictionary(csv.timestamps.enumerated().map { ($1, $0) }) { first, _ in first }
            let windows = try (labels[name] ?? []).map { pair -> ClosedRange<Int> in
                guard pair.count == 2, let start = Timestamps.parse(pair[0]).flatMap({ rowOf[$0] }),
                    let end = Timestamps.parse(pair[1]).flatMap({ rowOf[$0] }), start <= end
                else { throw DetectionError("\(name): the window \(pair) does not start and end on rows of the file") }
                return start...end
            }
            return NABSeries(
                name: name,
                timestamps: csv.timestamps,
                values: csv.values,
                bucketSeconds: csv.bucketSeconds,
                windows: windows.sorted { $0.lowerBound < $1.lowerBound }
            )
        }
    }
}
