/// Why `--metrics-listen` could not listen.
public struct MonitorMetricsError: Error, CustomStringConvertible {
    let host: String
    let port: Int
    let error: any Error

    public var description: String {
        let text = "\(error)"
        let reason = text.contains("Address already in use") ? "the address is in use by another program" : text
        return "--metrics-listen cannot listen on \(host):\(port): \(reason)"
    }
}
