/// Why a line could not be parsed. Lines that fail are counted and reported, never dropped silently.
public enum ParseFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line holds nothing but white space.
    case emptyLine
    /// The line is longer than the reader's limit; only its head was kept.
    case lineTooLong(limit: Int)
    /// Bytes required by the format were not found at `column` (1-based).
    case expected(String, column: Int)
    /// The line ended before a field.
    case missingField(String, column: Int)
    /// A quoted field has no closing quote and is not the last field.
    case unterminatedQuote(String, column: Int)
    /// A field is present but its value is not valid (a status that is not a number…).
    case invalidField(String, value: String, column: Int)
    /// Bytes follow the last field of the format.
    case trailingData(column: Int)
    /// A JSON-lines record is not a JSON object.
    case invalidJSON(String, column: Int)

    public var description: String {
        switch self {
        case .emptyLine: "empty line"
        case .lineTooLong(let limit): "line longer than \(limit) bytes"
        case .expected(let what, let column): "expected \(what) at column \(column)"
        case .missingField(let field, let column): "missing \(field) at column \(column)"
        case .unterminatedQuote(let field, let column): "unterminated quoted \(field) starting at column \(column)"
        case .invalidField(let field, let value, let column): "invalid \(field) '\(value)' at column \(column)"
        case .trailingData(let column): "unexpected data after the last field at column \(column)"
        case .invalidJSON(let why, let column): "invalid JSON: \(why) at column \(column)"
        }
    }

    /// A short stable identifier of the kind of failure, for grouping in reports.
    public var kind: String {
        switch self {
        case .emptyLine: "empty_line"
        case .lineTooLong: "line_too_long"
        case .expected: "unexpected_text"
        case .missingField: "missing_field"
        case .unterminatedQuote: "unterminated_quote"
        case .invalidField: "invalid_field"
        case .trailingData: "trailing_data"
        case .invalidJSON: "invalid_json"
        }
    }
}
