/// How a container runtime wraps each line a container writes, in `kubectl logs` and the node's
/// files under `/var/log/containers/` and `/var/log/pods/`:
///
/// - CRI (containerd, CRI-O): `2026-12-06T10:00:00.123456789Z stdout F <line>`, the time in RFC
///   3339 with nanoseconds, the stream, and `F` for a full line or `P` for a part of a long line
///   whose rest follows;
/// - Docker's json-file driver: `{"log":"<line>\n","stream":"stdout","time":"…"}`, the line a JSON
///   string, one that does not end in `\n` continued by the next entry.
///
/// Weir unwraps either, whatever the format of the lines inside, so an access log is read the
/// same from a container as from a file.
public enum ContainerEnvelope: String, Sendable, Equatable {
    case cri
    case dockerJSON = "docker-json"

    /// The envelope `line` is in, or `nil` for a line of its own.
    public static func of(_ line: UnsafeRawBufferPointer) -> ContainerEnvelope? {
        if CRILine(line) != nil { return .cri }
        if DockerJSONLine(line) != nil { return .dockerJSON }
        return nil
    }

    /// Whether `line`, in this envelope, is a part of a longer line whose rest follows.
    public func isPartial(_ line: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .cri: CRILine(line)?.isPartial ?? false
        case .dockerJSON: DockerJSONLine(line)?.isPartial ?? false
        }
    }
}

/// One CRI line, split in place: `<time> <stdout|stderr> <P|F> <content>`.
struct CRILine {
    /// The content's bytes within the line.
    let content: Range<Int>
    let isPartial: Bool

    init?(_ line: UnsafeRawBufferPointer) {
        // The time: a digit first, a `T`, and a space after it.
        guard line.count >= 24, line[0] >= 0x30, line[0] <= 0x39, line[10] == UInt8(ascii: "T") else { return nil }
        guard let timeEnd = line.firstIndex(of: 0x20), timeEnd >= 20 else { return nil }
        var i = timeEnd + 1
        let stream: [UInt8]
        if Self.matches(line, at: i, Array("stdout ".utf8)) {
            stream = Array("stdout ".utf8)
        } else if Self.matches(line, at: i, Array("stderr ".utf8)) {
            stream = Array("stderr ".utf8)
        } else {
            return nil
        }
        i += stream.count
        guard i < line.count, line[i] == UInt8(ascii: "F") || line[i] == UInt8(ascii: "P") else { return nil }
        isPartial = line[i] == UInt8(ascii: "P")
        i += 1
        // `F` then a space and the content; an empty line may end right after the tag.
        if i == line.count {
            content = i..<i
        } else {
            guard line[i] == 0x20 else { return nil }
            content = (i + 1)..<line.count
        }
    }

    static func matches(_ line: UnsafeRawBufferPointer, at i: Int, _ word: [UInt8]) -> Bool {
        guard i + word.count <= line.count else { return false }
        for (k, b) in word.enumerated() where line[i + k] != b { return false }
        return true
    }
}

/// One json-file entry: its `log` string, still escaped.
struct DockerJSONLine {
    let log: ByteRange
    let escaped: Bool
    let isPartial: Bool

    init?(_ line: UnsafeRawBufferPointer) {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self), line.count > 8, line[0] == UInt8(ascii: "{") else {
            return nil
        }
        var scanner = JSONScanner(base: base, count: line.count)
        scanner.pos = 1
        var found: JSONScanner.Value?
        var sawStream = false
        while true {
            scanner.skipSpace()
            guard let key = scanner.string() else { return nil }
            scanner.skipSpace()
            guard scanner.consume(UInt8(ascii: ":")) else { return nil }
            scanner.skipSpace()
            guard let value = scanner.value() else { return nil }
            let name = UnsafeRawBufferPointer(start: base + key.range.start, count: key.range.end - key.range.start)
            if name.elementsEqual("log".utf8), value.isString { found = value }
            if name.elementsEqual("stream".utf8) { sawStream = true }
            scanner.skipSpace()
            if scanner.consume(UInt8(ascii: "}")) { break }
            guard scanner.consume(UInt8(ascii: ",")) else { return nil }
        }
        guard let found, sawStream else { return nil }
        log = found.range
        escaped = found.escaped
        // A `log` ending in an escaped newline (`\n` after an even run of other backslashes) is a
        // whole line; any other is continued by the next entry.
        let (start, end) = (found.range.start, found.range.end)
        var backslashes = 0
        if end > start, base[end - 1] == UInt8(ascii: "n") {
            var k = end - 2
            while k >= start, base[k] == UInt8(ascii: "\\") {
                backslashes += 1
                k -= 1
            }
        }
        isPartial = backslashes % 2 == 0
    }
}
