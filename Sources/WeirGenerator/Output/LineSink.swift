#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where generated lines go: a file (appended to, or truncated first) or standard output.
public final class LineSink {
    private let fd: Int32
    private let path: String
    private let owns: Bool

    /// Opens `path` (`-` is standard output), creating it with mode 0644 if needed.
    public init(path: String, truncate: Bool) throws(GeneratorError) {
        self.path = path
        if path == "-" {
            fd = 1
            owns = false
            return
        }
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND)
        let opened = open(path, flags, 0o644)
        guard opened >= 0 else {
            let code = errno
            let reason = code == ENOENT ? "its directory does not exist" : code == EACCES ? "permission denied" : String(cString: strerror(code))
            throw GeneratorError("cannot write \(path): \(reason)")
        }
        fd = opened
        owns = true
    }

    deinit { if owns { close(fd) } }

    /// Writes all of `bytes`, whatever the kernel takes per call.
    public func write(_ bytes: [UInt8]) throws(GeneratorError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw GeneratorError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }
}
