import WeirDetect

/// The charts of a task page from its stored minutes: requests, the 4xx and 5xx shares and
/// distinct clients, in at most ``maxPoints`` slots each.
enum ChartBuilder {
    /// The most points a line has; a longer range merges minutes into wider slots.
    static let maxPoints = 720

    static func charts(minutes: [FeatureBucket], span: Int64, anomalies: [TimeSpan]) -> [ChartView] {
        let step = ChartSeries.step(spanning: span, maxPoints: maxPoints)
        let slots = ChartSeries.slots(minutes, step: step)
        guard !slots.isEmpty else { return [] }
        let per = step == 60 ? "a minute" : "per \(TaskText.period(step))"
        func share(_ count: KeyPath<FeatureBucket, Int64>) -> [Double] {
            slots.map { $0.requests == 0 ? 0 : 100 * Double($0[keyPath: count]) / Double($0.requests) }
        }
        let visible = anomalies.filter { $0.last >= slots[0].start && $0.first < slots[slots.count - 1].start + step }
        return [
            ChartView(
                key: "requests",
                title: "Requests",
                caption: "requests \(per)",
                values: slots.map { Double($0.requests) },
                unit: "",
                slots: slots,
                step: step,
                marks: visible,
                withBand: true
            ),
            ChartView(
                key: "errors4xx",
                title: "4xx share",
                caption: "4xx responses, % of requests \(per)",
                values: share(\.errors4xx),
                unit: "%",
                slots: slots,
                step: step,
                marks: visible,
                withBand: false
            ),
            ChartView(
                key: "errors5xx",
                title: "5xx share",
                caption: "5xx responses, % of requests \(per)",
                values: share(\.errors5xx),
                unit: "%",
                slots: slots,
                step: step,
                marks: visible,
                withBand: false
            ),
            ChartView(
                key: "clients",
                title: "Distinct clients",
                caption: "distinct clients in a minute (the most in the slot)",
                values: slots.map { Double($0.distinctClients) },
                unit: "",
                slots: slots,
                step: step,
                marks: visible,
                withBand: true
            ),
        ]
    }
}
