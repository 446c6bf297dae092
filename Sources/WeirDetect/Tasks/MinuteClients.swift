import WeirCore

/// One minute's clients, by the dense id a run gives each: their requests, and the distinct paths
/// each asked for. A client's counts sit at a dense index found through an integer table, so that
/// a line costs one probe and two additions, not a hashed dictionary's lookup.
struct MinuteClients {
    private var ids: IntegerIDs
    private var requests: [Int64] = []
    private var paths: [Int64] = []

    /// An empty minute sized for about `capacity` clients.
    init(capacity: Int = 256) {
        ids = IntegerIDs(capacity: capacity)
        requests.reserveCapacity(capacity)
        paths.reserveCapacity(capacity)
    }

    /// The number of distinct clients.
    var count: Int { requests.count }

    /// One request of `client`, for a path it had not asked for this minute when `newPath`.
    @inline(__always)
    mutating func note(_ client: Int, newPath: Bool) {
        let index = index(of: client)
        requests[index] &+= 1
        if newPath { paths[index] &+= 1 }
    }

    /// Sets a client's counts (a minute carried from an earlier run).
    mutating func set(_ client: Int, requests count: Int64, paths pathCount: Int64) {
        let index = index(of: client)
        requests[index] = count
        paths[index] = pathCount
    }

    /// The dense index of `client`'s counts, made (at 0) when it is new.
    @inline(__always)
    private mutating func index(of client: Int) -> Int {
        let index = ids.id(of: UInt64(bitPattern: Int64(client)))
        if index == requests.count {
            requests.append(0)
            paths.append(0)
        }
        return index
    }

    /// The most requests one client made (0 for none).
    var busiest: Int64 { requests.max() ?? 0 }
    /// The most distinct paths one client asked for (0 for none).
    var mostPaths: Int64 { paths.max() ?? 0 }

    /// Every client id with its requests and distinct paths, in order of first sight.
    var all: [(client: Int, requests: Int64, paths: Int64)] {
        ids.keys.indices.map { (Int(Int64(bitPattern: ids.keys[$0])), requests[$0], paths[$0]) }
    }
}
