/// Every method with its hyper-parameters. `k` is always the alert threshold, in the method's own
/// units of spread; a point's severity is its deviation divided by `k` spreads, and its score is
/// `s² / (1 + s²)`, so the alert threshold is a score of 0.5 for every method.
public enum MethodCatalogue {
    /// The season length, shared by the seasonal methods.
    static let period = ParameterSpec(
        "period",
        0,
        grid: [],
        integer: true,
        range: 0...100_000,
        "points per season (0: one day of buckets, or the period found in the series)"
    )

    public static let all: [MethodDescription] = [
        MethodDescription(
            name: .threshold,
            summary: "static limits: fixed by `upper`/`lower`, or learned once from the first `warmup` points as median ± k robust spreads",
            parameters: [
                ParameterSpec("k", 6, grid: [5, 8], range: 0.01...1_000, "alert threshold, in robust spreads from the learned median"),
                ParameterSpec("warmup", 60, grid: [60], integer: true, range: 2...100_000, "points used to learn the limits"),
                ParameterSpec("upper", .nan, grid: [], range: -1e15...1e15, "fixed upper limit (overrides learning)"),
                ParameterSpec("lower", .nan, grid: [], range: -1e15...1e15, "fixed lower limit (overrides learning)"),
            ]
        ),
        MethodDescription(
            name: .zscore,
            summary: "rolling z-score against the mean and standard deviation of the last `window` points",
            parameters: [
                ParameterSpec("window", 60, grid: [30, 120], integer: true, range: 2...100_000, "points in the rolling window"),
                ParameterSpec("k", 4, grid: [4, 5], range: 0.01...1_000, "alert threshold, in standard deviations"),
            ]
        ),
        MethodDescription(
            name: .ewma,
            summary: "EWMA control chart: exponentially weighted mean and variance",
            parameters: [
                ParameterSpec("alpha", 0.1, grid: [0.05, 0.2], range: 0.0001...1, "weight of the newest point"),
                ParameterSpec("k", 4, grid: [4, 5], range: 0.01...1_000, "alert threshold, in standard deviations"),
            ]
        ),
        MethodDescription(
            name: .mad,
            summary: "robust rolling median and median absolute deviation of the last `window` points",
            parameters: [
                ParameterSpec("window", 60, grid: [30, 120], integer: true, range: 2...100_000, "points in the rolling window"),
                ParameterSpec("k", 5, grid: [4, 6], range: 0.01...1_000, "alert threshold, in robust standard deviations (1.4826 MAD)"),
            ]
        ),
        MethodDescription(
            name: .cusum,
            summary: "two-sided CUSUM for level shifts against a slow EWMA baseline",
            parameters: [
                ParameterSpec("alpha", 0.02, grid: [0.01, 0.05], range: 0.0001...1, "weight of the newest point in the baseline"),
                ParameterSpec("slack", 0.5, grid: [0.5, 1], range: 0...100, "drift allowance per point, in standard deviations"),
                ParameterSpec("k", 6, grid: [5, 8], range: 0.01...1_000, "alert threshold on the cumulative sum, in standard deviations"),
            ]
        ),
        MethodDescription(
            name: .seasonal,
            summary: "seasonal baseline: the median of the same time in the last `periods` periods",
            parameters: [
                period,
                ParameterSpec("periods", 1, grid: [1, 3], integer: true, range: 1...52, "past periods whose same-time values are compared"),
                ParameterSpec("k", 5, grid: [5, 6], range: 0.01...1_000, "alert threshold, in spreads of the seasonal residual"),
            ]
        ),
        MethodDescription(
            name: .holtWinters,
            summary: "Holt-Winters with additive seasonality; scores the one-step forecast residual",
            parameters: [
                period,
                ParameterSpec("alpha", 0.2, grid: [0.1, 0.3], range: 0.0001...1, "level smoothing"),
                ParameterSpec("beta", 0.01, grid: [0.01], range: 0.0001...1, "trend smoothing"),
                ParameterSpec("gamma", 0.1, grid: [0.05, 0.2], range: 0.0001...1, "seasonal smoothing"),
                ParameterSpec("k", 5, grid: [5, 6], range: 0.01...1_000, "alert threshold, in standard deviations of the residual"),
            ]
        ),
        MethodDescription(
            name: .knn,
            summary: "k-nearest-neighbour distance of the last `dim` points to the embeddings of the last `window` points",
            parameters: [
                ParameterSpec("dim", 4, grid: [3, 6], integer: true, range: 1...64, "points per embedding"),
                ParameterSpec("window", 200, grid: [200], integer: true, range: 2...10_000, "past embeddings compared"),
                ParameterSpec("neighbours", 3, grid: [3], integer: true, range: 1...100, "neighbours averaged"),
                ParameterSpec("k", 4, grid: [3, 5], range: 0.01...1_000, "alert threshold, in multiples of the median recent distance"),
            ]
        ),
        MethodDescription(
            name: .ensemble,
            summary:
                "the more severe of two views, each calibrated: distance from the level learned on the first `warmup` points, and the change over the last two points",
            parameters: [
                ParameterSpec("warmup", 60, grid: [60], integer: true, range: 2...100_000, "points used to learn the level"),
                ParameterSpec("k", 5, grid: [5, 6], range: 0.01...1_000, "alert threshold, in robust spreads, of both views"),
            ]
        ),
    ]

    public static func description(of name: MethodName) -> MethodDescription {
        all.first { $0.name == name }!
    }
}
