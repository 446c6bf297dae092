import WeirCore
import WeirLog
import WeirRules

/// Running totals over parsed requests: hits, bytes, status codes and classes, methods, and
/// counts per section, path and client host. Shared by `weir analyze` (one tally for the whole
/// input) and the monitor (one tally per interval).
public struct TrafficTally {
    public private(set) var hits = 0
    public private(set) var bytes: Int64 = 0
    /// Hits per status code 0–999.
    public private(set) var statusCodes = [Int](repeating: 0, count: 1000)
    /// Hits per class: index 1 is 1xx … 5 is 5xx, 0 anything else.
    public private(set) var statusClasses = [Int](repeating: 0, count: 6)
    public let methods = ByteKeyCounter(capacity: 16)
    /// Hits per section: counted per line only when paths are not tracked, else derived from
    /// ``paths`` when asked (a section is a prefix of its path), which saves a lookup per line.
    public var sections: ByteKeyCounter { tracksPaths ? Self.sections(of: paths) : sectionCounts }
    private let sectionCounts = ByteKeyCounter(capacity: 256)
    public let paths = ByteKeyCounter(capacity: 4096)
    public let hosts = ByteKeyCounter(capacity: 4096)
    /// Which per-key tables to keep; paths are the most expensive.
    public let tracksPaths: Bool

    /// The section and path keys of lines without a path.
    static let noPath: [UInt8] = Array("-".utf8)
    static let root: [UInt8] = Array("/".utf8)

    /// Creates an empty tally.
    public init(tracksPaths: Bool = true) {
        self.tracksPaths = tracksPaths
    }

    /// Counts one parsed request of `line`; returns the ids of its client host and of its path
    /// in ``hosts`` and ``paths`` (the path's id is -1 when paths are not tracked).
    @discardableResult
    public mutating func add(_ parsed: ParsedLine, line: UnsafeRawBufferPointer) -> (host: Int, path: Int) {
        hits &+= 1
        bytes &+= parsed.bytes
        addStatus(parsed.status)
        return addKeys(parsed, line)
    }

    mutating func addStatus(_ status: Int) {
        statusCodes.withUnsafeMutableBufferPointer { $0[status] &+= 1 }
        let c = status / 100
        statusClasses.withUnsafeMutableBufferPointer { $0[(c >= 1 && c <= 5) ? c : 0] &+= 1 }
    }

    func addKeys(_ parsed: ParsedLine, _ line: UnsafeRawBufferPointer) -> (host: Int, path: Int) {
        if parsed.method.isEmpty { Self.noPath.withUnsafeBytes { methods.add($0) } } else { methods.add(line.slice(parsed.method)) }
        let host = hosts.add(line.slice(parsed.client))
        let path = RequestTarget.path(line, parsed.target)
        if tracksPaths {
            guard let path else { return Self.noPath.withUnsafeBytes { (host, paths.add($0)) } }
            return path.isEmpty ? Self.root.withUnsafeBytes { (host, paths.add($0)) } : (host, paths.add(line.slice(path)))
        }
        guard let path else {
            Self.noPath.withUnsafeBytes { sectionCounts.add($0) }
            return (host, -1)
        }
        if path.isEmpty {
            Self.root.withUnsafeBytes { sectionCounts.add($0) }
        } else {
            sectionCounts.add(line.slice(RequestTarget.section(line, path: path)))
        }
        return (host, -1)
    }

    /// Hits per section of the paths in `paths` (whose keys are paths, `/` or `-`).
    static func sections(of paths: ByteKeyCounter) -> ByteKeyCounter {
        let sections = ByteKeyCounter(capacity: 256)
        paths.forEachKey { key, count in
            sections.add(UnsafeRawBufferPointer(rebasing: key[..<RequestTarget.section(key, path: ByteRange(start: 0, end: key.count)).end]), count)
        }
        return sections
    }

    /// Hits per route of `routes`, in their order, each path counted under the first route it
    /// matches, then the hits no route matches (lines without a path among them). Derived from
    /// ``paths`` (each distinct path matched once, so nothing is remembered), at no cost per line.
    public func routeHits(_ routes: [URLPattern]) -> [Int] {
        var hits = [Int](repeating: 0, count: routes.count + 1)
        paths.forEachKey { path, count in
            let isPath = path.first == UInt8(ascii: "/")
            let route = isPath ? Int(PathPatternIndex.index(of: path, in: routes)) : 0
            hits[route == 0 ? routes.count : route - 1] += count
        }
        return hits
    }

    /// Hits per status code that occurred, keyed by the code as text.
    public var statusCodeCounts: [String: Int] {
        var result: [String: Int] = [:]
        for (code, n) in statusCodes.enumerated() where n > 0 { result[String(code)] = n }
        return result
    }

    /// Hits per status class (`2xx` …), all five classes present; other codes under `other` when any.
    public var statusClassCounts: [String: Int] {
        var result: [String: Int] = [:]
        for c in 1...5 { result["\(c)xx"] = statusClasses[c] }
        if statusClasses[0] > 0 { result["other"] = statusClasses[0] }
        return result
    }

    /// Hits per method.
    public var methodCounts: [String: Int] {
        Dictionary(methods.entries.map { ($0.key, $0.count) }, uniquingKeysWith: +)
    }

    /// Adds what `other` counted (another part of the same input, read on another thread).
    public mutating func merge(_ other: TrafficTally) {
        hits &+= other.hits
        bytes &+= other.bytes
        for (i, n) in other.statusCodes.enumerated() where n > 0 { statusCodes[i] &+= n }
        for (i, n) in other.statusClasses.enumerated() { statusClasses[i] &+= n }
        for (mine, theirs) in [(methods, other.methods), (sectionCounts, other.sectionCounts), (paths, other.paths), (hosts, other.hosts)] {
            mine.add(contentsOf: theirs)
        }
    }

    /// Forgets everything, keeping capacity: ready for the next interval.
    public mutating func reset() {
        hits = 0
        bytes = 0
        for i in statusCodes.indices { statusCodes[i] = 0 }
        for i in statusClasses.indices { statusClasses[i] = 0 }
        methods.removeAll()
        sectionCounts.removeAll()
        paths.removeAll()
        hosts.removeAll()
    }
}
