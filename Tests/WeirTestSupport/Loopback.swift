import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Sockets on 127.0.0.1 for tests: free ports, ports held busy, datagrams sent.
public enum Loopback {
    public static let datagram = Int32(SOCK_DGRAM.rawValue)
    public static let stream = Int32(SOCK_STREAM.rawValue)

    /// 127.0.0.1:`port`.
    public static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }

    /// A socket of `type` bound to a port the system chose (listening, for a stream socket), and
    /// that port; close the socket to let the port go.
    public static func hold(_ type: Int32) -> (socket: Int32, port: Int) {
        let fd = socket(AF_INET, type, 0)
        var bound = address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &bound) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        precondition(ok && (type != stream || listen(fd, 8) == 0), "cannot bind a loopback socket")
        return (fd, Int(UInt16(bigEndian: bound.sin_port)))
    }

    /// A port of `type` free now (held, then let go).
    public static func freePort(_ type: Int32) -> Int {
        let (fd, port) = hold(type)
        close(fd)
        return port
    }

    /// Sends each message as one datagram to 127.0.0.1:`port`, pausing 5 ms every 50 so that a
    /// burst fits the receiving socket's buffer (which `net.core.rmem_max` caps, 208 KiB by
    /// default) even when the receiver shares busy cores; false when one could not be sent whole.
    @discardableResult
    public static func sendUDP(_ messages: [[UInt8]], port: Int) -> Bool {
        let fd = socket(AF_INET, datagram, 0)
        defer { close(fd) }
        var to = address(port: port)
        for (k, message) in messages.enumerated() {
            let sent = withUnsafePointer(to: &to) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    message.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, raw, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
            }
            guard sent == message.count else { return false }
            if k % 50 == 49 { usleep(5_000) }
        }
        return true
    }

    /// Sends `bytes` over one TCP connection to 127.0.0.1:`port`, then closes it; false when the
    /// connection or a write failed.
    @discardableResult
    public static func sendTCP(_ bytes: [UInt8], port: Int) -> Bool {
        let fd = socket(AF_INET, stream, 0)
        defer { close(fd) }
        var to = address(port: port)
        let connected = withUnsafePointer(to: &to) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return false }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }
}
