#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address range in CIDR form (`192.0.2.0/24`, `2001:db8::/32`, or one address).
/// IPv4 is kept as the IPv4-mapped IPv6 range `::ffff:a.b.c.d/96+n`, so one comparison serves both.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    public let network: UInt128
    public let prefixLength: Int
    public let description: String

    /// Parses `text`; `nil` when it is not an address or a CIDR range with a valid prefix length.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let (address, isV4) = Self.parseAddress(Substring(parts[0])) else { return nil }
        let maxLength = isV4 ? 32 : 128
        var length = maxLength
        if parts.count == 2 {
            guard let n = Int(parts[1]), (0...maxLength).contains(n), parts[1].allSatisfy(\.isNumber) else { return nil }
            length = n
        }
        prefixLength = isV4 ? length + 96 : length
        network = address & Self.mask(prefixLength)
        description = text
    }

    /// Whether `address` lies in the range.
    @inline(__always)
    public func contains(_ address: UInt128) -> Bool {
        address & Self.mask(prefixLength) == network
    }

    @inline(__always)
    static func mask(_ length: Int) -> UInt128 {
        length == 0 ? 0 : ~UInt128(0) << (128 - length)
    }

    static func parseAddress(_ text: Substring) -> (UInt128, isV4: Bool)? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses an IPv4 or IPv6 address given as bytes (a client field), or `nil`.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> (UInt128, isV4: Bool)? {
        guard bytes.count > 0, bytes.count < 46 else { return nil }
        var text = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))  // 48 bytes, NUL-padded
        return withUnsafeMutableBytes(of: &text) { buffer -> (UInt128, isV4: Bool)? in
            buffer.copyMemory(from: bytes)
            var raw = (UInt64(0), UInt64(0))
            let isV6 = bytes.contains(UInt8(ascii: ":"))
            let ok = withUnsafeMutableBytes(of: &raw) { out in
                inet_pton(isV6 ? AF_INET6 : AF_INET, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), out.baseAddress) == 1
            }
            guard ok else { return nil }
            return withUnsafeBytes(of: raw) { out in
                if isV6 {
                    var value: UInt128 = 0
                    for b in out { value = value << 8 | UInt128(b) }
                    return (value, false)
                }
                var v4: UInt128 = 0
                for b in out.prefix(4) { v4 = v4 << 8 | UInt128(b) }
                return (UInt128(0xFFFF) << 32 | v4, true)
            }
        }
    }
}
