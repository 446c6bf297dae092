/// One chart: lines of values per slot, the band the first was expected in, and spans marked
/// (anomalies). The dashboard's task page and `weir analyze --html` draw theirs with it.
public struct ChartView: Sendable {
    public let key: String
    public let title: String
    public let caption: String
    public let width = 720
    public let height = 160
    public let midY = 80
    public let series: [Series]
    /// Whether the chart names its lines (more than one).
    public let hasLegend: Bool
    /// How many slots each line has.
    public let pointCount: Int
    public let band: String?
    public let marks: [Mark]
    public let maxLabel: String
    public let from: String
    public let to: String

    /// One line.
    public struct Series: Sendable {
        public let points: String
        /// The last point, drawn as a dot too (a line of one point shows nothing).
        public let lastX: String
        public let lastY: String
        /// Its colour's class: empty for the first colour, `c2xx` … `c5xx`.
        public let css: String
        public let label: String
    }

    /// What a line is before it is drawn.
    struct Line {
        let values: [Double]
        var css = ""
        var label = ""
    }

    /// Where the band comes from.
    enum BandSource {
        case none
        /// The median of the previous 30 points ± 3 MAD of the first line.
        case rolling
        /// The ranges the task's model expected, by point index.
        case expected([(index: Int, low: Double, high: Double)])
    }

    /// A span over the chart.
    public struct Mark: Sendable {
        public let x: String
        public let w: String
        public let label: String
    }

    /// A chart of `lines` over slots of `step` seconds from `origin`; `unit` follows the top
    /// label; `band` says which band to draw under the first line.
    init(key: String, title: String, caption: String, lines: [Line], unit: String, origin: Int64, step: Int64, marks: [TimeSpan], band: BandSource) {
        self.key = key
        self.title = title
        let count = lines.first?.values.count ?? 0
        let top = ChartGeometry.niceCeiling(lines.flatMap(\.values).max() ?? 0)
        let (w, h) = (Double(720), Double(160))
        series = lines.map { line in
            Series(
                points: ChartGeometry.points(line.values, width: w, height: h, top: top),
                lastX: ChartGeometry.coordinate(ChartGeometry.x(max(0, count - 1), count: count, width: w)),
                lastY: ChartGeometry.coordinate(ChartGeometry.y(line.values.last ?? 0, height: h, top: top)),
                css: line.css,
                label: line.label
            )
        }
        hasLegend = lines.count > 1
        pointCount = count
        switch band {
        case .none:
            self.band = nil
            self.caption = caption
        case .rolling:
            self.band = lines.first.flatMap { ChartGeometry.band($0.values, width: w, height: h, top: top) }
            self.caption = caption + (self.band == nil ? "" : "; shaded: the median of the previous 30 points ± 3 MAD")
        case .expected(let ranges):
            self.band = ChartGeometry.polygon(ranges, count: count, width: w, height: h, top: top)
            self.caption = caption + "; shaded: the range the task's model expected"
        }
        maxLabel = ChartGeometry.label(top) + unit
        from = count > 0 ? TaskText.instant(origin) : ""
        to = count > 0 ? TaskText.instant(origin + Int64(count) * step) : ""
        let perSlot = count <= 1 ? w : w / Double(count - 1)
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
