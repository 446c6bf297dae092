/// The set of fields a parsed line actually carried (formats differ in what they log).
public struct LogFields: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let client = LogFields(rawValue: 1 << 0)
    public static let ident = LogFields(rawValue: 1 << 1)
    public static let user = LogFields(rawValue: 1 << 2)
    public static let time = LogFields(rawValue: 1 << 3)
    public static let method = LogFields(rawValue: 1 << 4)
    public static let target = LogFields(rawValue: 1 << 5)
    public static let protocolVersion = LogFields(rawValue: 1 << 6)
    public static let status = LogFields(rawValue: 1 << 7)
    public static let bytes = LogFields(rawValue: 1 << 8)
    public static let referrer = LogFields(rawValue: 1 << 9)
    public static let userAgent = LogFields(rawValue: 1 << 10)
    public static let scheme = LogFields(rawValue: 1 << 11)
    public static let host = LogFields(rawValue: 1 << 12)
    public static let port = LogFields(rawValue: 1 << 13)
    public static let duration = LogFields(rawValue: 1 << 14)
}
