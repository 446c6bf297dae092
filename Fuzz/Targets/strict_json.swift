/// libFuzzer target: the API's strict JSON parser. Whatever it accepts must survive a round trip
/// through Weir's encoder unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStrictJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? StrictJSONParser.parse(bytes) else { return 0 }
    guard let text = try? JSONCoding.string(value) else { return 0 }
    let again = try? StrictJSONParser.parse(Array(text.utf8))
    precondition(again == value, "round trip changed the value: \(text)")
    return 0
}
