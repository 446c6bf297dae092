import ArgumentParser
import WeirLog

/// `--format`: `auto` or anything ``LogFormat/parse(_:)`` takes.
enum FormatOption {
    /// The format to use, `nil` to detect it; the precise reason on failure.
    static func resolve(_ text: String) throws -> LogFormat? {
        text == "auto" ? nil : try LogFormat.parse(text)
    }
}
