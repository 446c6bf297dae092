import WeirDetect

/// The charts of a task page from its stored minutes: requests, the 4xx and 5xx shares and
/// distinct clients, in at most ``maxPoints`` slots each.
enum ChartBuilder {
    /// The most points a line has; a longer range merges minutes into wider slots.
    static let maxPoints = 1_440

    /// The task page's charts; `expected` draws the model's band where its buckets are the
    /// chart's slots, and requests and clients get a rolling band elsewhere.
    static func charts(minutes: [FeatureBucket], span: Int64, anomalies: [TimeSpan], expected: ExpectedBands? = nil) -> [ChartView] {
        let step = ChartSeries.step(spanning: span, maxPoints: maxPoints)
        let slots = ChartSeries.slots(minutes, step: step)
        guard let origin = slots.first?.start else { return [] }
        let per = step == 60 ? "a minute" : "per \(TaskText.period(step))"
        func share(_ count: KeyPath<FeatureBucket, Int64>) -> [Double] {
            slots.map { $0.requests == 0 ? 0 : 100 * Double($0[keyPath: count]) / Double($0.requests) }
        }
        let visible = anomalies.filter { $0.last >= origin && $0.first < slots[slots.count - 1].start + step }
        func chart(_ key: String, _ title: String, _ caption: String, _ values: [Double], feature: TrafficFeature, rolling: Bool) -> ChartView {
            let scale = feature == .errors4xx || feature == .errors5xx ? 100.0 : 1
            let band: ChartView.BandSource =
                expected?.band(feature, origin: origin, step: step, count: slots.count, scale: scale).map { .expected($0) }
                ?? (rolling ? .rolling : .none)
            return ChartView(
                key: key,
                title: title,
                caption: caption,
                lines: [.init(values: values)],
                unit: scale == 100 ? "%" : "",
                origin: origin,
                step: step,
                marks: visible,
                band: band
            )
        }
        return [
            chart("requests", "Requests", "requests \(per)", slots.map { Double($0.requests) }, feature: .requests, rolling: true),
            chart("errors4xx", "4xx share", "4xx responses, % of requests \(per)", share(\.errors4xx), feature: .errors4xx, rolling: false),
            chart("errors5xx", "5xx share", "5xx responses, % of requests \(per)", share(\.errors5xx), feature: .errors5xx, rolling: false),
            chart(
                "clients",
                "Distinct clients",
                "distinct clients in a minute (the most in the slot)",
                slots.map { Double($0.distinctClients) },
                feature: .distinctClients,
                rolling: true
            ),
        ]
    }
}
