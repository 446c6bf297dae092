extension AnalyzeReport {
    /// One minute of the timeline (`weir analyze --html`): requests, bytes and requests per
    /// status class.
    public struct TimelineMinute: Codable, Sendable, Equatable {
        /// Unix seconds of the minute's start.
        public var start: Int64
        public var requests = 0
        public var bytes: Int64 = 0
        public var status2xx = 0
        public var status3xx = 0
        public var status4xx = 0
        public var status5xx = 0

        public init(start: Int64) { self.start = start }

        mutating func count(bytes: Int64, status: Int) {
            requests &+= 1
            self.bytes &+= bytes
            switch status {
            case 200..<300: status2xx &+= 1
            case 300..<400: status3xx &+= 1
            case 400..<500: status4xx &+= 1
            case 500..<600: status5xx &+= 1
            default: break
            }
        }

        /// This minute with `other`'s counts added (a longer slot, or the same minute from another part).
        public mutating func add(_ other: TimelineMinute) {
            requests &+= other.requests
            bytes &+= other.bytes
            status2xx &+= other.status2xx
            status3xx &+= other.status3xx
            status4xx &+= other.status4xx
            status5xx &+= other.status5xx
        }
    }
}
