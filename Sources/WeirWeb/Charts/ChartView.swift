import WeirDetect

/// One chart of a task page: a feature per slot as a line, the band it was expected in, and the
/// anomalies found marked over their spans.
public struct ChartView: Sendable {
    public let key: String
    public let title: String
    public let caption: String
    public let width = 720
    public let height = 160
    public let midY = 80
    public let points: String
    /// How many slots the line has: one per minute up to ``ChartBuilder/maxPoints``.
    public let pointCount: Int
    public let band: String?
    public let marks: [Mark]
    public let maxLabel: String
    public let from: String
    public let to: String

    /// An anomaly's span over the chart.
    public struct Mark: Sendable {
        public let x: String
        public let w: String
        public let label: String
    }

    init(
        key: String,
        title: String,
        caption: String,
        values: [Double],
        unit: String,
        slots: [FeatureBucket],
        step: Int64,
        marks: [TimeSpan],
        withBand: Bool
    ) {
        self.key = key
        self.title = title
        let top = ChartGeometry.niceCeiling(values.max() ?? 0)
        let (w, h) = (Double(720), Double(160))
        points = ChartGeometry.points(values, width: w, height: h, top: top)
        pointCount = values.count
        band = withBand ? ChartGeometry.band(values, width: w, height: h, top: top) : nil
        self.caption = caption + (band == nil ? "" : "; shaded: the median of the previous 30 points ± 3 MAD")
        maxLabel = ChartGeometry.coordinate(top) + unit
        let origin = slots.first?.start ?? 0
        from = slots.first.map { TaskText.instant($0.start) } ?? ""
        to = slots.last.map { TaskText.instant($0.start + step) } ?? ""
        let perSlot = values.count <= 1 ? w : w / Double(values.count - 1)
        self.marks = marks.map { span in
            let start = Double(span.first - origin) / Double(step)
            let length = Double(span.last - span.first) / Double(step)
            return Mark(
                x: ChartGeometry.coordinate(max(0, start * perSlot - 1)),
                w: ChartGeometry.coordinate(max(2, length * perSlot)),
                label: span.label
            )
        }
    }
}
