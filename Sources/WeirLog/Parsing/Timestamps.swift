import WeirCore

/// Conversions between calendar dates and Unix seconds, and the timestamp syntaxes of access logs.
///
/// All arithmetic is proleptic Gregorian in UTC (Howard Hinnant's `days_from_civil`), so it is
/// exact, allocation-free and independent of the machine's time zone.
public enum Timestamps {
    /// Days since 1970-01-01 of the civil date `y-m-d`.
    @inlinable public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Unix seconds as RFC 3339 in UTC, e.g. `2000-10-10T13:55:36Z`.
    public static func rfc3339(_ seconds: Int64) -> String {
        var out = [UInt8]()
        out.reserveCapacity(20)
        appendRFC3339(seconds, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends Unix seconds as RFC 3339 in UTC to a byte buffer.
    public static func appendRFC3339(_ seconds: Int64, to out: inout [UInt8]) {
        let (days, secs) = dayAndSecond(seconds)
        let (y, m, d) = civilFromDays(days)
        appendDigits(y, 4, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(m, 2, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(d, 2, &out)
        out.append(UInt8(ascii: "T"))
        appendClock(secs, &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// Appends Unix seconds in the Apache/nginx local form `10/Oct/2000:13:55:36 -0700`,
    /// written in the given UTC offset (seconds east of UTC).
    public static func appendCommonLogTime(_ seconds: Int64, offset: Int, to out: inout [UInt8]) {
        let (days, secs) = dayAndSecond(seconds &+ Int64(offset))
        let (y, m, d) = civilFromDays(days)
        appendDigits(d, 2, &out)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: monthNames[m - 1].utf8)
        out.append(UInt8(ascii: "/"))
        appendDigits(y, 4, &out)
        out.append(UInt8(ascii: ":"))
        appendClock(secs, &out)
        out.append(UInt8(ascii: " "))
        out.append(UInt8(ascii: offset < 0 ? "-" : "+"))
        let minutes = abs(offset) / 60
        appendDigits(minutes / 60, 2, &out)
        appendDigits(minutes % 60, 2, &out)
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    @inline(__always) static func dayAndSecond(_ seconds: Int64) -> (Int, Int) {
        var days = Int(seconds / 86_400)
        var secs = Int(seconds % 86_400)
        if secs < 0 {
            secs += 86_400
            days -= 1
        }
        return (days, secs)
    }

    static func appendClock(_ secs: Int, _ out: inout [UInt8]) {
        appendDigits(secs / 3600, 2, &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(secs / 60 % 60, 2, &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(secs % 60, 2, &out)
    }

    /// Appends `value` in decimal, zero-padded to at least `width` digits; a negative value gets
    /// a leading `-` and a value wider than `width` all its digits (ISO 8601's expanded years),
    /// so no instant, however far out, is written wrong or traps.
    static func appendDigits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var digits = [UInt8]()
        var v = value.magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        out.append(contentsOf: digits.reversed())
    }

    /// The first second of year 0000 and the last second of year 9999 in Unix seconds: the
    /// instants four-digit years can write. Parsers refuse a time outside them (a year-0000 local
    /// time east of UTC, for instance), so whatever they accept is written back the same.
    public static let writableSeconds: ClosedRange<Int64> =
        Int64(-62_167_219_200)...Int64(253_402_300_799)

    /// Parses a user-given instant: RFC 3339 (`2000-10-10T13:00:00Z`, offsets and fractions
    /// allowed), `YYYY-MM-DD HH:MM:SS` (UTC), the common-log form, or Unix seconds.
    public static func parse(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { raw -> Int64? in
            let buffer = UnsafeRawBufferPointer(raw)
            let all = ByteRange(start: 0, end: buffer.count)
            if let t = parseISO8601(buffer, all) { return t.seconds }
            if let t = parseCommonLogTime(buffer, all) { return t.seconds }
            if buffer.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !buffer.isEmpty, let seconds = Int64(text),
                writableSeconds.contains(seconds)
            {
                return seconds
            }
            return nil
        }
    }

    /// Parses an instant as the API takes it: strict RFC 3339, `2026-11-21T10:00:00Z` or with an
    /// offset `+01:00`, fractions allowed, a date that exists (not `2026-02-30`). Times without an
    /// offset, other layouts and Unix seconds are refused.
    public static func parseRFC3339(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else {
            return nil
        }
        let last = bytes[bytes.count - 1]
        let zulu = last == UInt8(ascii: "Z") || last == UInt8(ascii: "z")
        let offset =
            bytes.count >= 25 && bytes[bytes.count - 3] == UInt8(ascii: ":")
            && (bytes[bytes.count - 6] == UInt8(ascii: "+") || bytes[bytes.count - 6] == UInt8(ascii: "-"))
        guard zulu || offset else { return nil }
        return bytes.withUnsafeBytes { raw -> Int64? in
            guard let t = parseISO8601(raw, ByteRange(start: 0, end: raw.count)),
                let year = digits4(raw.baseAddress!.assumingMemoryBound(to: UInt8.self)),
                let month = digits2(raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + 5),
                let day = digits2(raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + 8),
                day <= daysInMonth(year, month)
            else { return nil }
            return t.seconds
        }
    }

    /// Days in `month` of `year` (proleptic Gregorian).
    public static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `dd/Mon/yyyy:HH:MM:SS +zzzz` (the `%t` / `$time_local` form, brackets excluded).
    @inlinable public static func parseCommonLogTime(
        _ line: UnsafeRawBufferPointer,
        _ r: ByteRange
    ) -> (seconds: Int64, offset: Int32)? {
        guard r.count >= 20 else { return nil }
        let p = line.baseAddress!.assumingMemoryBound(to: UInt8.self) + r.start
        guard p[2] == UInt8(ascii: "/"), p[6] == UInt8(ascii: "/"), p[11] == UInt8(ascii: ":"),
            p[14] == UInt8(ascii: ":"), p[17] == UInt8(ascii: ":"),
            let day = digits2(p), let month = monthNumber(p + 3), let year = digits4(p + 7),
            let hour = digits2(p + 12), let minute = digits2(p + 15), let second = digits2(p + 18)
        else { return nil }
        // Milliseconds and no zone, as HAProxy writes its accept date, are allowed; the fraction
        // is dropped and a missing zone is UTC.
        var i = 20
        if i < r.count, p[i] == UInt8(ascii: ".") {
            i += 1
            let fraction = i
            while i < r.count, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
            guard i > fraction else { return nil }
        }
        var offset = 0
        if i < r.count {
            guard r.count == i + 6, p[i] == UInt8(ascii: " "),
                let off = parseNumericOffset(p + i + 1, colon: false)
            else { return nil }
            offset = off
        }
        return instant(year, month, day, hour, minute, second, offset: offset)
    }

    /// Parses RFC 3339 / ISO 8601 `yyyy-mm-ddTHH:MM:SS[.fff][Z|±hh:mm|±hhmm]`; a space or a tab
    /// (W3C's `date` and `time` fields) may stand for the `T`, and a missing offset means UTC. Fractions of a second are dropped.
    @inlinable public static func parseISO8601(
        _ line: UnsafeRawBufferPointer,
        _ r: ByteRange
    ) -> (seconds: Int64, offset: Int32)? {
        guard r.count >= 19 else { return nil }
        let p = line.baseAddress!.assumingMemoryBound(to: UInt8.self) + r.start
        guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
            p[10] == UInt8(ascii: "T") || p[10] == UInt8(ascii: " ") || p[10] == UInt8(ascii: "t") || p[10] == 9,
            p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":"),
            let year = digits4(p), let month = digits2(p + 5), let day = digits2(p + 8),
            let hour = digits2(p + 11), let minute = digits2(p + 14), let second = digits2(p + 17)
        else { return nil }
        var i = 19
        if i < r.count, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",") {
            i += 1
            let fraction = i
            while i < r.count, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
            guard i > fraction else { return nil }
        }
        var offset = 0
        if i < r.count {
            if p[i] == UInt8(ascii: "Z") || p[i] == UInt8(ascii: "z") {
                i += 1
            } else {
                let colon = r.count - i == 6
                guard r.count - i == (colon ? 6 : 5), let off = parseNumericOffset(p + i, colon: colon) else { return nil }
                offset = off
                i = r.count
            }
        }
        guard i == r.count else { return nil }
        return instant(year, month, day, hour, minute, second, offset: offset)
    }

    /// The Unix seconds of a local date and clock at `offset` seconds east of UTC, and the
    /// offset; `nil` for a clock that does not exist or an instant outside ``writableSeconds``.
    @inlinable static func instant(
        _ year: Int,
        _ month: Int,
        _ day: Int,
        _ hour: Int,
        _ minute: Int,
        _ second: Int,
        offset: Int
    ) -> (seconds: Int64, offset: Int32)? {
        guard validClock(day, month, hour, minute, second) else { return nil }
        let local = Int64(daysFromCivil(year, month, day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        guard writableSeconds.contains(local - Int64(offset)) else { return nil }
        return (local - Int64(offset), Int32(offset))
    }

    @inlinable static func validClock(_ day: Int, _ month: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Bool {
        (1...12).contains(month) && (1...31).contains(day) && hour < 24 && minute < 60 && second <= 60
    }

    /// A UTC offset given as text, `+hhmm` or `+hh:mm`, in seconds east of UTC.
    public static func parseUTCOffset(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5 || bytes.count == 6 else { return nil }
        return bytes.withUnsafeBufferPointer { parseNumericOffset($0.baseAddress!, colon: bytes.count == 6) }
    }

    /// `+hhmm` or `+hh:mm` → seconds east of UTC.
    @inlinable static func parseNumericOffset(_ p: UnsafePointer<UInt8>, colon: Bool) -> Int? {
        let sign: Int
        switch p[0] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        guard let h = digits2(p + 1) else { return nil }
        if colon && p[3] != UInt8(ascii: ":") { return nil }
        guard let m = digits2(p + (colon ? 4 : 3)), h < 24, m < 60 else { return nil }
        return sign * (h * 3600 + m * 60)
    }

    @inlinable static func digits2(_ p: UnsafePointer<UInt8>) -> Int? {
        let a = Int(p[0]) &- 48
        let b = Int(p[1]) &- 48
        guard a >= 0, a <= 9, b >= 0, b <= 9 else { return nil }
        return a * 10 + b
    }

    @inlinable static func digits4(_ p: UnsafePointer<UInt8>) -> Int? {
        guard let hi = digits2(p), let lo = digits2(p + 2) else { return nil }
        return hi * 100 + lo
    }

    /// Month number 1–12 from its three-letter English abbreviation, any case.
    @inlinable static func monthNumber(_ p: UnsafePointer<UInt8>) -> Int? {
        let key = (UInt32(p[0] | 0x20) << 16) | (UInt32(p[1] | 0x20) << 8) | UInt32(p[2] | 0x20)
        switch key {
        case 0x6A_616E: return 1  // jan
        case 0x66_6562: return 2  // feb
        case 0x6D_6172: return 3  // mar
        case 0x61_7072: return 4  // apr
        case 0x6D_6179: return 5  // may
        case 0x6A_756E: return 6  // jun
        case 0x6A_756C: return 7  // jul
        case 0x61_7567: return 8  // aug
        case 0x73_6570: return 9  // sep
        case 0x6F_6374: return 10  // oct
        case 0x6E_6F76: return 11  // nov
        case 0x64_6563: return 12  // dec
        default: return nil
        }
    }
}
