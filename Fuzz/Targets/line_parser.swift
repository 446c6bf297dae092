/// libFuzzer target: the byte-level line parser of every detectable format and the W3C ones, and
/// the whole reading path (line splitting, format detection, W3C directives) over the same bytes.
/// The first byte picks the format.
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
    return 0
}
