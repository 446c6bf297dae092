/// One hyper-parameter of a detection method.
public struct ParameterSpec: Sendable, Equatable {
    public let name: String
    public let defaultValue: Double
    /// Values the expert system tries for this parameter.
    public let grid: [Double]
    public let summary: String
    /// Whether only whole numbers make sense (window lengths, periods).
    public let isInteger: Bool
    /// The values a user may set, checked where `detection` is decoded and shown in the 422
    /// message and `--list`.
    public let range: ClosedRange<Double>

    public init(
        _ name: String,
        _ defaultValue: Double,
        grid: [Double],
        integer: Bool = false,
        range: ClosedRange<Double>,
        _ summary: String
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.grid = grid
        self.summary = summary
        self.isInteger = integer
        self.range = range
    }
}
