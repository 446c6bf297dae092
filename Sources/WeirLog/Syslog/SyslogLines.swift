/// Access-log lines made of syslog messages, one per `\n`, ready to append to a journal or hand
/// to a monitor: the header (RFC 3164 or 5424) is taken off; with `keepsHost`, the sending host's
/// name (`-` when it gave none) comes first, then a space (what ``HostPrefix`` reads). A message
/// whose header does not parse is kept whole, so that a sender that writes bare lines is read,
/// and junk is counted as malformed by whoever parses the lines; newlines inside a message become
/// spaces (in a host name, `_`), so one message is one line.
public struct SyslogLines: Sendable {
    public let keepsHost: Bool
    /// The lines, each ended by `\n`.
    public private(set) var bytes: [UInt8] = []
    /// Lines in ``bytes``.
    public private(set) var count = 0
    /// Messages kept whole because their header did not parse.
    public private(set) var headerless = 0

    public init(keepsHost: Bool) {
        self.keepsHost = keepsHost
    }

    /// Adds one message (a datagram, or one framed out of a TCP stream); an empty one is ignored.
    public mutating func add(_ message: UnsafeRawBufferPointer) {
        var end = message.count
        while end > 0, message[end - 1] == 0x0A || message[end - 1] == 0x0D || message[end - 1] == 0 { end -= 1 }
        guard end > 0 else { return }
        let whole = UnsafeRawBufferPointer(rebasing: message[0..<end])
        var content = 0..<end
        var host: Range<Int>?
        if let parsed = SyslogMessage(whole) {
            content = parsed.content
            host = parsed.hostname
        } else {
            headerless += 1
        }
        if keepsHost {
            // A host name holds no space; a newline in one (junk) must not split the line.
            if let host, !host.isEmpty {
                for byte in whole[host] { bytes.append(byte == 0x0A || byte == 0x0D ? UInt8(ascii: "_") : byte) }
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
            bytes.append(0x20)
        }
        for byte in whole[content] { bytes.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte) }
        bytes.append(0x0A)
        count += 1
    }

    /// Empties the batch, keeping its storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        count = 0
        headerless = 0
    }
}
