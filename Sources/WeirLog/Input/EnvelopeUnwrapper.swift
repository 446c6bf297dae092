/// Turns enveloped lines back into the lines the container wrote (``ContainerEnvelope``): the
/// envelope stripped, Docker's JSON string decoded, and the parts of a long line joined (up to
/// `maxLineLength`, past which the joined line is passed on as too long). The envelope is the
/// first non-empty line's, unless given; plain lines, and a line outside the envelope, are passed
/// on as they are, for the parser to judge. Every reader of lines (``LogReader``, the live
/// monitor) puts one in front of its parser.
public struct EnvelopeUnwrapper {
    /// The envelope the lines are in, once the first line decided it; `nil` for plain lines.
    public private(set) var envelope: ContainerEnvelope?
    public let maxLineLength: Int
    private var decided: Bool
    /// The parts of a long line read so far.
    private var pending: [UInt8] = []
    private var pendingTruncated = false
    private var decoded: [UInt8] = []

    /// An unwrapper that takes its envelope from the first non-empty line it is given, or uses
    /// `envelope` when one is given.
    public init(envelope: ContainerEnvelope? = nil, maxLineLength: Int = LineSplitter.defaultMaxLineLength) {
        self.envelope = envelope
        self.decided = envelope != nil
        self.maxLineLength = maxLineLength
    }

    /// Whether the first line showed plain lines: then lines need not pass through at all.
    public var isPlain: Bool { decided && envelope == nil }

    /// Forgets the envelope and any parts read (a new file at the path): the next line decides.
    public mutating func reset() {
        self = EnvelopeUnwrapper(maxLineLength: maxLineLength)
    }

    /// One physical line (`truncated` when the splitter cut it): calls `emit` with each whole
    /// inner line and whether it is cut, none while a long line's parts are still coming.
    public mutating func unwrap(
        _ line: UnsafeRawBufferPointer,
        truncated: Bool,
        _ emit: (UnsafeRawBufferPointer, Bool) throws -> Void
    ) rethrows {
        if !decided, !line.isEmpty, !truncated {
            decided = true
            envelope = ContainerEnvelope.of(line)
        }
        guard let envelope else { return try emit(line, truncated) }
        if truncated {
            // An envelope cut by the splitter cannot be read: the line is too long either way.
            try flush(emit)
            return try emit(line, true)
        }
        switch envelope {
        case .cri:
            guard let cri = CRILine(line) else {
                try flush(emit)
                return try emit(line, false)
            }
            let content = UnsafeRawBufferPointer(rebasing: line[cri.content])
            if cri.isPartial { return append(content) }
            if pending.isEmpty, !pendingTruncated { return try emit(content, false) }
            append(content)
            try flush(emit)
        case .dockerJSON:
            guard let entry = DockerJSONLine(line) else {
                try flush(emit)
                return try emit(line, false)
            }
            Self.decode(entry, of: line, into: &decoded)
            if !entry.isPartial, decoded.last == 0x0A { decoded.removeLast() }
            if entry.isPartial { return decoded.withUnsafeBytes { append($0) } }
            if pending.isEmpty, !pendingTruncated { return try decoded.withUnsafeBytes { try emit($0, false) } }
            decoded.withUnsafeBytes { append($0) }
            try flush(emit)
        }
    }

    /// Passes on the parts of a long line the input ended in (its end never came).
    public mutating func finish(_ emit: (UnsafeRawBufferPointer, Bool) throws -> Void) rethrows {
        try flush(emit)
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let room = maxLineLength - pending.count
        if bytes.count > room {
            pending.append(contentsOf: bytes.prefix(max(0, room)))
            pendingTruncated = true
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func flush(_ emit: (UnsafeRawBufferPointer, Bool) throws -> Void) rethrows {
        guard !pending.isEmpty || pendingTruncated else { return }
        let truncated = pendingTruncated
        pendingTruncated = false
        defer { pending.removeAll(keepingCapacity: true) }
        try pending.withUnsafeBytes { try emit($0, truncated) }
    }

    /// The `log` string of `entry` decoded from JSON into UTF-8 bytes.
    static func decode(_ entry: DockerJSONLine, of line: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        let raw = UnsafeRawBufferPointer(rebasing: line[entry.log.start..<entry.log.end])
        guard entry.escaped else { return out.append(contentsOf: raw) }
        var i = 0
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\"), i + 1 < raw.count else {
                out.append(b)
                i += 1
                continue
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(raw, at: i) else {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    continue
                }
                i += 4
                // A high surrogate followed by `\uDC00`…`\uDFFF` is one scalar.
                if (0xD800...0xDBFF).contains(scalar), i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u"),
                    let low = hex4(raw, at: i + 2), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: Unicode.Scalar(scalar).map { Array(String($0).utf8) } ?? [0xEF, 0xBF, 0xBD])
            default: out.append(e)
            }
        }
    }

    private static func hex4(_ raw: UnsafeRawBufferPointer, at i: Int) -> UInt32? {
        guard i + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = raw[i + k]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
