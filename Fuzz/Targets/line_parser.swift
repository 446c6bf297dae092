/// libFuzzer target: the byte-level line parser of every detectable format and the W3C ones, and
/// the whole reading path (line splitting, format detection, W3C directives) over the same bytes,
/// and syslog's header parsing, TCP framing and journal lines (read back with the host name first).
/// The first byte picks the format. The pipelined reader of task runs must hand out the same
/// lines as one reader in that format, or the target traps; lines in a container envelope are
/// unwrapped by the one reader (task runs never pipeline them).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let formats = LogFormat.detectable + ["cloudfront", "w3c"].compactMap(LogFormat.named)
    let format = formats[Int(data[0]) % formats.count]
    let line = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    var parsed = ParsedLine()
    _ = LineParser(format: format).parse(line, into: &parsed)
    var reader = LogReader(source: MemorySource(Array(line)), name: "fuzz", format: nil, chunkSize: 64, maxLineLength: 256)
    var lines = 0
    try? reader.read { _, _ in lines += 1 }
    // The same bytes as a syslog message, and as a TCP stream of them in 7-byte feeds.
    if let message = SyslogMessage(line) {
        precondition(message.content.upperBound <= line.count && message.content.lowerBound <= message.content.upperBound)
    }
    var framing = SyslogFraming(maxMessageLength: 64)
    var journal = SyslogLines(keepsHost: true)
    var start = 0
    while start < line.count {
        let end = min(line.count, start + 7)
        framing.feed(UnsafeRawBufferPointer(rebasing: line[start..<end])) { message in
            precondition(message.count <= 64)
            journal.add(message)
        }
        start = end
    }
    // Each journal line as a task run parses it: the host name first, then the format's fields.
    var prefixed = format
    prefixed.hostPrefix = .virtualHost
    let prefixedParser = LineParser(format: prefixed)
    precondition(journal.bytes.filter { $0 == 10 }.count == journal.count, "a journal line holds a newline")
    for journalLine in journal.bytes.split(separator: 10) {
        journalLine.withUnsafeBytes { bytes in
            if prefixedParser.parse(bytes, into: &parsed) == nil, parsed.fields.contains(.host) {
                precondition(parsed.host.start >= 0 && parsed.host.end <= bytes.count && parsed.host.start <= parsed.host.end)
            }
        }
    }
    if format.w3cFlavor == nil { comparePipelined(Array(line), format) }
    return 0
}

/// Each line's number, length, failure and timestamp, read by one reader and by the pipelined
/// reader with small chunks; not for lines in a container envelope, which task runs read with
/// one reader (``IncrementalFileReader``), joining long lines' parts in order.
func comparePipelined(_ bytes: [UInt8], _ format: LogFormat) {
    if (try? LogReader.envelope(of: MemorySource(bytes), maxLineLength: 256)) != nil { return }
    func describe(_ line: LogReader.Line, _ parsed: ParsedLine) -> String {
        "\(line.number) \(line.bytes.count) \(line.failure.map { "\($0)" } ?? "ok \(parsed.timestamp) \(parsed.status)")"
    }
    var one: [String] = []
    var reader = LogReader(source: MemorySource(bytes), name: "fuzz", format: format, chunkSize: 64, maxLineLength: 256)
    try? reader.read { one.append(describe($0, $1)) }
    var pipelined: [String] = []
    try? PipelinedLogReader(name: "fuzz", format: format, parsers: 2, chunkSize: 64, maxLineLength: 256).read(MemorySource(bytes)) {
        pipelined.append(describe($0, $1))
    }
    precondition(one == pipelined, "the pipelined reader differs from one reader: \(pipelined) instead of \(one)")
}
