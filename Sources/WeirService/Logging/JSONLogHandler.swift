import Foundation
import Logging
import WeirCore
import WeirLog

/// A log handler that writes one JSON object per line to standard error, for log shippers:
/// `time` (RFC 3339 with milliseconds), `level`, `label`, `message`, `source`, and the logger's
/// and the call's metadata as keys of their own (nested metadata as JSON values).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public let label: String
    /// Where each line goes (standard error unless a test captures it).
    let write: @Sendable (String) -> Void
    /// The time each line is stamped with.
    let clock: any WallClock

    public init(
        label: String,
        level: Logger.Level = .info,
        clock: any WallClock = SystemClock(),
        write: @escaping @Sendable (String) -> Void = { Console.err($0) }
    ) {
        self.label = label
        self.logLevel = level
        self.clock = clock
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: JSONValue] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[key] = Self.json(value) }
        object["time"] = .string(Self.timestamp(seconds: clock.time()))
        object["level"] = .string(event.level.rawValue)
        object["label"] = .string(label)
        object["message"] = .string(event.message.description)
        object["source"] = .string(event.source)
        write((try? JSONCoding.string(JSONValue.object(object))) ?? #"{"message":"unencodable log line"}"#)
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let entries): .object(entries.mapValues(json))
        }
    }

    /// Unix `seconds` in RFC 3339 with milliseconds.
    static func timestamp(seconds: Double) -> String {
        let whole = Int64(saturating: seconds.rounded(.down))
        let millis = Int(saturating: ((seconds - Double(whole)) * 1000).rounded(.down))
        let base = Timestamps.rfc3339(whole)
        let fraction = String(millis)
        return String(base.dropLast()) + "." + String(repeating: "0", count: 3 - min(3, fraction.count)) + fraction + "Z"
    }
}
