#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on UTF-8 bytes (`memchr` for the first byte, `memcmp` for the rest), for the
/// analyzer's per-key work on user agents and referrers. Foundation's `contains` and
/// `range(of:)` go through UTF-16, and the standard library's `firstRange(of:)` on a UTF-8 view
/// is slower still: either cost more than all the rest of the panels on the real sample.
public enum ByteSearch {
    /// Whether `needle` occurs in `hay`.
    public static func contains(_ hay: String, _ needle: String) -> Bool {
        offset(after: needle, in: hay) != nil
    }

    /// The byte offset just past the first `needle` in `hay`, or `nil` when it does not occur.
    public static func offset(after needle: String, in hay: String) -> Int? {
        var hay = hay
        var needle = needle
        return hay.withUTF8 { h in
            needle.withUTF8 { n -> Int? in
                guard !n.isEmpty else { return 0 }
                guard let hb = h.baseAddress, let nb = n.baseAddress, n.count <= h.count else { return nil }
                let last = h.count - n.count
                var start = 0
                while start <= last, let hit = memchr(hb + start, Int32(nb[0]), last - start + 1) {
                    let at = UnsafeRawPointer(hb).distance(to: UnsafeRawPointer(hit))
                    if memcmp(hb + at, nb, n.count) == 0 { return at + n.count }
                    start = at + 1
                }
                return nil
            }
        }
    }
}
