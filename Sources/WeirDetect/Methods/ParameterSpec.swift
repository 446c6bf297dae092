/// One hyper-parameter of a detection method.
public struct ParameterSpec: Sendable, Equatable {
    public let name: String
    public let defaultValue: Double
    /// Values the expert system tries for this parameter.
    public let grid: [Double]
    public let summary: String
    /// Whether only whole numbers make sense (window lengths, periods).
    public let isInteger: Bool

    public init(_ name: String, _ defaultValue: Double, grid: [Double], integer: Bool = false, _ summary: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.grid = grid
        self.summary = summary
        self.isInteger = integer
    }
}
