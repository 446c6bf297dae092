/// Lines that arrive from elsewhere than a file (syslog messages a listener received), for the
/// live monitor to take at each poll.
public protocol LiveLineFeed: Sendable {
    /// Calls `line` with each line received since the last call, without its `\n`; returns how
    /// many lines were dropped since then because the monitor fell behind.
    func drain(_ line: (UnsafeRawBufferPointer) -> Void) -> Int
}
