/// libFuzzer target: every timestamp syntax Weir reads, from logs, users and the API.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamps(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    let all = ByteRange(start: 0, end: size)
    _ = Timestamps.parseCommonLogTime(buffer, all)
    _ = Timestamps.parseISO8601(buffer, all)
    let text = String(decoding: buffer, as: UTF8.self)
    if let seconds = Timestamps.parseRFC3339(text) {
        precondition(Timestamps.parseRFC3339(Timestamps.rfc3339(seconds)) == seconds, "RFC 3339 round trip failed for \(text)")
    }
    _ = Timestamps.parse(text)
    _ = Timestamps.parseUTCOffset(text)
    return 0
}
