/// What a line's leading host name (`web-1 <line>`, `-` when unknown) is for: Weir's syslog
/// journal puts the sending host's name before every line it keeps.
public enum HostPrefix: Sendable, Equatable {
    /// Passed over.
    case skipped
    /// The line's virtual host, unless the line names its own.
    case virtualHost
}
