/// Messages out of a syslog TCP stream (RFC 6587): octet counting (`LEN SP MSG`, what rsyslog
/// sends with `TCP_Framing="octet-counted"`) or non-transparent framing (each message ended by
/// `\n`), told apart per message by its first byte. A message over `maxMessageLength` is skipped
/// whole and counted in ``tooLong``, so one huge message costs no memory and holds up nothing
/// after it.
public struct SyslogFraming {
    public let maxMessageLength: Int
    /// Messages skipped for their length.
    public private(set) var tooLong = 0
    private var buffer: [UInt8] = []
    /// Bytes still to skip of a message too long to keep.
    private var skipping = 0
    /// Skipping a `\n`-ended message too long to keep, up to its `\n`.
    private var skippingLine = false

    public init(maxMessageLength: Int = 64 * 1024) {
        self.maxMessageLength = maxMessageLength
    }

    /// Takes the next bytes of the stream and calls `emit` with each whole message in them.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var input = bytes[...]
        while !input.isEmpty {
            if skipping > 0 {
                let n = min(skipping, input.count)
                skipping -= n
                input = input.dropFirst(n)
                continue
            }
            if skippingLine {
                guard let newline = input.firstIndex(of: 0x0A) else { return }
                skippingLine = false
                input = input[(newline + 1)...]
                continue
            }
            buffer.append(contentsOf: input)
            input = input.suffix(0)
            try drain(emit)
        }
    }

    private mutating func drain(_ emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var start = 0
        defer { buffer.removeFirst(start) }
        while start < buffer.count {
            if buffer[start] >= 0x31, buffer[start] <= 0x39 {  // octet counting: no message starts with `0`
                var length = 0
                var i = start
                while i < buffer.count, buffer[i] >= 0x30, buffer[i] <= 0x39, i - start < 10 {
                    length = length * 10 + Int(buffer[i] - 0x30)
                    i += 1
                }
                guard i < buffer.count else { return }  // the length goes on in the next bytes
                guard buffer[i] == 0x20, i - start < 10 else {
                    // Not a length: read it as a `\n`-ended message.
                    guard try line(from: &start, emit) else { return }
                    continue
                }
                let body = i + 1
                if length > maxMessageLength {
                    tooLong += 1
                    let have = buffer.count - body
                    if have >= length {
                        start = body + length
                    } else {
                        skipping = length - have
                        start = buffer.count
                    }
                    continue
                }
                guard buffer.count - body >= length else { return }
                try buffer.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[body..<(body + length)])) }
                start = body + length
            } else if buffer[start] == 0x0A || buffer[start] == 0x00 {
                start += 1  // an empty frame, or a NUL some senders end messages with
            } else {
                guard try line(from: &start, emit) else { return }
            }
        }
    }

    /// A `\n`-ended message at `start`: emitted and passed, or false when its end has not come
    /// (a message already over the limit is dropped then, and the rest of it skipped).
    private mutating func line(from start: inout Int, _ emit: (UnsafeRawBufferPointer) throws -> Void) rethrows -> Bool {
        guard let newline = buffer[start...].firstIndex(of: 0x0A) else {
            if buffer.count - start > maxMessageLength {
                tooLong += 1
                skippingLine = true
                start = buffer.count
            }
            return false
        }
        if newline - start > maxMessageLength {
            tooLong += 1
        } else {
            try buffer.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[start..<newline])) }
        }
        start = newline + 1
        return true
    }
}
