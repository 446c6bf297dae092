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
        func chart(_ key: String, _ title: String, _ caption: String, _ values: [Double], unit: String = "", band: Bool = false) -> ChartView {
            ChartView(
                key: key,
                title: title,
                caption: caption,
                lines: [.init(values: values)],
                unit: unit,
                origin: slots[0].start,
                step: step,
                marks: visible,
                withBand: band
            )
        }
        return [
            chart("requests", "Requests", "requests \(per)", slots.map { Double($0.requests) }, band: true),
            chart("errors4xx", "4xx share", "4xx responses, % of requests \(per)", share(\.errors4xx), unit: "%"),
            chart("errors5xx", "5xx share", "5xx responses, % of requests \(per)", share(\.errors5xx), unit: "%"),
            chart(
                "clients",
                "Distinct clients",
                "distinct clients in a minute (the most in the slot)",
                slots.map { Double($0.distinctClients) },
                band: true
            ),
        ]
    }
}
