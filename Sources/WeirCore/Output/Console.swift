#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered line output, so pipes and terminals see each event as it happens.
public enum Console {
    /// Writes `line` and a newline to standard output.
    public static func out(_ line: String) { write(1, line + "\n") }
    /// Writes `line` and a newline to standard error.
    public static func err(_ line: String) { write(2, line + "\n") }

    private static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                #else
                Darwin.write(fd, buffer.baseAddress! + done, buffer.count - done)
                #endif
            }
            if n <= 0 { return }
            done += n
        }
    }
}
