import Foundation

/// Weir's one JSON configuration, for the API, the reports, the monitor's JSON lines, stored JSON
/// and checkpoints: keys sorted and slashes unescaped, so the same value always gives the same
/// bytes (stable diffs, tests and ETags).
public enum JSONCoding {
    /// The encoder with Weir's settings; property names as written.
    public static let encoder = makeEncoder()
    /// The same, writing camelCase property names as snake_case (the analysis report).
    public static let snakeCaseEncoder = makeEncoder(snakeCase: true)

    /// A new encoder with Weir's settings.
    public static func makeEncoder(snakeCase: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        return encoder
    }

    /// `value` as JSON text.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
