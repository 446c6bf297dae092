/// Where a syslog listener listens: `udp://HOST:PORT` or `tcp://HOST:PORT`, the host an IPv4 or
/// IPv6 address (`[::1]`) or `localhost` (no other name: nothing is looked up in DNS).
public struct SyslogAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Transport: String, Sendable, Hashable {
        case udp, tcp
    }

    public let transport: Transport
    public let host: String
    public let port: Int

    /// Reads `udp://127.0.0.1:5514`; throws a message that says what is wrong and what is expected.
    public init(_ text: String) throws(SyslogAddressError) {
        let parts = text.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let transport = Transport(rawValue: parts[0].lowercased()) else {
            throw SyslogAddressError("must be udp://HOST:PORT or tcp://HOST:PORT, such as udp://127.0.0.1:5514, got \(text)")
        }
        let rest = parts[1]
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix(":") else {
                throw SyslogAddressError("an IPv6 host is written in brackets before the port, such as udp://[::1]:5514, got \(text)")
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            portText = rest[rest.index(close, offsetBy: 2)...]
        } else {
            guard let colon = rest.lastIndex(of: ":") else { throw SyslogAddressError("needs a port, such as \(transport.rawValue)://\(rest):5514") }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard host == "localhost" || Self.isIPv4(host) || Self.isIPv6(host) else {
            throw SyslogAddressError("needs an address of this machine to listen on (127.0.0.1, 0.0.0.0, [::1] or localhost), got \(text)")
        }
        guard portText.count <= 5, let port = Int(portText), (1...65535).contains(port) else {
            throw SyslogAddressError("needs a port from 1 to 65535, got \(text)")
        }
        self.transport = transport
        self.host = String(host)
        self.port = port
    }

    public var description: String {
        host.contains(":") ? "\(transport.rawValue)://[\(host)]:\(port)" : "\(transport.rawValue)://\(host):\(port)"
    }

    static func isIPv4(_ host: Substring) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { $0.count >= 1 && $0.count <= 3 && $0.allSatisfy { c in c.isASCII && c.isNumber } && (Int($0) ?? 256) <= 255 }
    }

    static func isIPv6(_ host: Substring) -> Bool {
        host.contains(":") && host.count <= 45 && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }

    /// A folder name for this address's journal (`udp-127.0.0.1-5514`).
    public var folderName: String {
        "\(transport.rawValue)-\(host.replacingColons())-\(port)"
    }
}

/// Why a syslog address was refused.
public struct SyslogAddressError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    fileprivate func replacingColons() -> String { String(map { $0 == ":" ? "_" : $0 }) }
}
