/// The alarms every candidate raises on a history as it is, and which of them are a candidate's
/// own: those where fewer than half of the candidates alarm within `reach` points. An alarm most
/// methods raise marks something in the history itself (a real incident, or a change the series
/// went through), not one method's noise, so it is not held against the method; an alarm few
/// raise is that method's false alarm.
struct HistoryConsensus {
    /// Each candidate's alarms on the history, in the order the candidates were given.
    let alarms: [[Int]]
    /// Points either side of an alarm within which another method's alarm agrees with it.
    static let reach = 10
    /// Per point, how many candidates alarm within `reach` of it.
    private let agreeing: [Int]

    /// Runs every candidate over `values` (seasonal ones with `period`).
    init(_ candidates: [MethodChoice], values: [Double], period: Int) {
        self.init(alarms: candidates.map { DetectionPipeline($0, period: period).alarms(values) }, points: values.count)
    }

    /// From each candidate's alarms (ascending indices) on a history of `points` points.
    init(alarms: [[Int]], points: Int) {
        self.alarms = alarms
        var agreeing = [Int](repeating: 0, count: points)
        for own in alarms {
            var marked = -1
            for a in own {
                let from = max(a - Self.reach, marked + 1, 0)
                let to = min(a + Self.reach, points - 1)
                guard from <= to else { continue }
                for i in from...to { agreeing[i] += 1 }
                marked = to
            }
        }
        self.agreeing = agreeing
    }

    /// The alarms of the candidate at `index` that fewer than half of the candidates share.
    func ownAlarms(of index: Int) -> [Int] {
        alarms[index].filter { 2 * agreeing[$0] < alarms.count }
    }
}
