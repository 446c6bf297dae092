import Foundation

/// Which hosts notifications may be sent to (`WEIR_NOTIFY_HOSTS`): when a list is set, only those
/// (`host` or `host:port`), so that the API cannot make the service post to any address it can
/// reach. Checked when a channel is written (422) and again before each delivery.
public struct ReceiverPolicy: Sendable, Equatable {
    /// The allowed hosts, lower-cased; `nil` allows any.
    public let hosts: [String]?

    public init(hosts: [String]? = nil) {
        self.hosts = hosts?.map { $0.lowercased() }
    }

    /// Why `url` may not be sent to, or `nil` when it may.
    public func problem(with url: String) -> String? {
        guard let allowed = hosts else { return nil }
        guard let parts = URLComponents(string: url), let host = parts.host?.lowercased() else { return "\"\(url)\" has no host" }
        let port = parts.port ?? (parts.scheme?.lowercased() == "https" ? 443 : 80)
        guard allowed.contains(host) || allowed.contains("\(host):\(port)") else {
            return "\(host):\(port) is not among the hosts this service may notify (WEIR_NOTIFY_HOSTS=\(allowed.joined(separator: ",")))"
        }
        return nil
    }
}
