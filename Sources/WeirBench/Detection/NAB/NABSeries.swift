/// One series of a NAB-layout directory (`data/CATEGORY/FILE.csv`) with its labelled anomaly
/// windows (`labels/combined_windows.json`), as row indices.
public struct NABSeries: Sendable {
    /// `CATEGORY/FILE.csv`, as the labels name it.
    public let name: String
    public var category: String { String(name.split(separator: "/").first ?? "") }
    public let timestamps: [Int64]
    public let values: [Double]
    /// The typical spacing of the rows, in seconds.
    public let bucketSeconds: Int?
    /// Each window's first and last row.
    public let windows: [ClosedRange<Int>]

    public init(name: String, timestamps: [Int64], values: [Double], bucketSeconds: Int?, windows: [ClosedRange<Int>]) {
        self.name = name
        self.timestamps = timestamps
        self.values = values
        self.bucketSeconds = bucketSeconds
        self.windows = windows
    }

    /// Rows NAB does not score at the start: 15% of the series, at most 750.
    public var probation: Int { min(values.count * 15 / 100, 750) }
}
