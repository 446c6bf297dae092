import Synchronization
import WeirLog
import WeirTraffic

/// Syslog lines held in memory for `weir monitor --syslog` until the monitor takes them, up to
/// `maxBytes`: past that, new batches are dropped and counted, and the monitor says so.
package final class SyslogInbox: SyslogSink, LiveLineFeed {
    package let maxBytes: Int
    private let held = Mutex<(bytes: [UInt8], dropped: Int)>(([], 0))

    package init(maxBytes: Int = 64 << 20) {
        self.maxBytes = maxBytes
    }

    package func receive(_ lines: SyslogLines) throws {
        held.withLock { held in
            if held.bytes.count + lines.bytes.count > maxBytes {
                held.dropped += lines.count
            } else {
                held.bytes.append(contentsOf: lines.bytes)
            }
        }
    }

    package func drain(_ line: (UnsafeRawBufferPointer) -> Void) -> Int {
        let (bytes, dropped) = held.withLock { held in
            defer { held = ([], 0) }
            return held
        }
        bytes.withUnsafeBytes { all in
            var start = 0
            for k in 0..<all.count where all[k] == 0x0A {
                line(UnsafeRawBufferPointer(rebasing: all[start..<k]))
                start = k + 1
            }
        }
        return dropped
    }
}
