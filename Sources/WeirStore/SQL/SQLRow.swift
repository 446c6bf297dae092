import WeirCore
import WeirModel

/// One result row, by column name.
public struct SQLRow: Sendable {
    public var values: [String: SQLValue]

    public init(values: [String: SQLValue]) {
        self.values = values
    }

    public func int(_ column: String) -> Int64 {
        switch values[column] {
        case .integer(let i): i
        case .double(let d): Int64(saturating: d)
        case .text(let t): Int64(t) ?? 0
        default: 0
        }
    }

    public func optionalInt(_ column: String) -> Int64? {
        if case .null = values[column] ?? .null { return nil }
        return int(column)
    }

    public func text(_ column: String) -> String {
        optionalText(column) ?? ""
    }

    public func optionalText(_ column: String) -> String? {
        switch values[column] {
        case .text(let t): t
        case .integer(let i): String(i)
        case .double(let d): String(d)
        default: nil
        }
    }

    public func bool(_ column: String) -> Bool { int(column) != 0 }
}
