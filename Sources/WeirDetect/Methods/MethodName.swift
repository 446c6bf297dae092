/// The detection methods, simplest first: on a tie the expert system prefers the earlier one.
public enum MethodName: String, Sendable, CaseIterable, Codable, Comparable {
    case threshold, zscore, ewma, mad, cusum, seasonal
    case holtWinters = "holt_winters"
    case knn
    case ensemble

    /// Rank of simplicity (0 is simplest).
    public var complexity: Int { Self.allCases.firstIndex(of: self)! }

    /// Whether the method needs a seasonal period.
    public var isSeasonal: Bool { self == .seasonal || self == .holtWinters }

    public static func < (a: MethodName, b: MethodName) -> Bool { a.complexity < b.complexity }
}
