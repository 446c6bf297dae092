/// The set of fields a parsed line actually carried (formats differ in what they log).
///
/// The members are inlinable computed properties, not stored `static let`s: a stored one is read
/// from another module through its lazy initialiser's accessor, a call per line on the hot paths
/// that test `fields.contains(.host)`, where a constant costs nothing.
public struct LogFields: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    @inlinable public static var client: LogFields { LogFields(rawValue: 1 << 0) }
    @inlinable public static var ident: LogFields { LogFields(rawValue: 1 << 1) }
    @inlinable public static var user: LogFields { LogFields(rawValue: 1 << 2) }
    @inlinable public static var time: LogFields { LogFields(rawValue: 1 << 3) }
    @inlinable public static var method: LogFields { LogFields(rawValue: 1 << 4) }
    @inlinable public static var target: LogFields { LogFields(rawValue: 1 << 5) }
    @inlinable public static var protocolVersion: LogFields { LogFields(rawValue: 1 << 6) }
    @inlinable public static var status: LogFields { LogFields(rawValue: 1 << 7) }
    @inlinable public static var bytes: LogFields { LogFields(rawValue: 1 << 8) }
    @inlinable public static var referrer: LogFields { LogFields(rawValue: 1 << 9) }
    @inlinable public static var userAgent: LogFields { LogFields(rawValue: 1 << 10) }
    @inlinable public static var scheme: LogFields { LogFields(rawValue: 1 << 11) }
    @inlinable public static var host: LogFields { LogFields(rawValue: 1 << 12) }
    @inlinable public static var port: LogFields { LogFields(rawValue: 1 << 13) }
    @inlinable public static var duration: LogFields { LogFields(rawValue: 1 << 14) }
}
