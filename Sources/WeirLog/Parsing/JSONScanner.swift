/// A minimal forward scanner over one JSON object, enough to find top-level keys and values in
/// place. Nested objects and arrays are skipped; strings keep their escapes (see
/// ``ParsedLine/hasJSONEscapes``).
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    var pos = 0

    struct Value {
        /// String contents without quotes, or the raw scalar.
        var range: ByteRange
        var isString: Bool
        var isScalar: Bool
        var escaped: Bool
    }

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    mutating func skipSpace() {
        while pos < count, base[pos] == 32 || base[pos] == 9 || base[pos] == 13 || base[pos] == 10 { pos += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard pos < count, base[pos] == byte else { return false }
        pos += 1
        return true
    }

    /// A quoted string at `pos`: its contents' range.
    mutating func string() -> Value? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = pos
        var escaped = false
        while pos < count {
            let b = base[pos]
            if b == UInt8(ascii: "\\") {
                escaped = true
                pos += 2
                continue
            }
            if b == UInt8(ascii: "\"") {
                pos += 1
                return Value(range: ByteRange(start: start, end: pos - 1), isString: true, isScalar: true, escaped: escaped)
            }
            pos += 1
        }
        return nil
    }

    mutating func value() -> Value? {
        guard pos < count else { return nil }
        switch base[pos] {
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let start = pos
            var depth = 0
            while pos < count {
                switch base[pos] {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return nil }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        pos += 1
                        return Value(range: ByteRange(start: start, end: pos), isString: false, isScalar: false, escaped: false)
                    }
                default: break
                }
                pos += 1
            }
            return nil
        default:
            let start = pos
            while pos < count, base[pos] != UInt8(ascii: ","), base[pos] != UInt8(ascii: "}"),
                base[pos] != 32, base[pos] != 9
            { pos += 1 }
            guard pos > start else { return nil }
            return Value(range: ByteRange(start: start, end: pos), isString: false, isScalar: true, escaped: false)
        }
    }
}
