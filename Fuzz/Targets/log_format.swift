/// libFuzzer target: Apache `LogFormat` and nginx `log_format` strings as users write them; a
/// format that parses must compile into a parser that reads a line without crashing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogFormat(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let format = try? LogFormat.parse(text) else { return 0 }
    let sample = Array(#"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "-" "curl/8""#.utf8)
    var parsed = ParsedLine()
    sample.withUnsafeBytes { _ = LineParser(format: format).parse($0, into: &parsed) }
    return 0
}
