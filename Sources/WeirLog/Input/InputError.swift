import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input could not be read: a ``Kind`` to switch on, and words for the one-line error of
/// the command line.
public struct InputError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for callers that act on it.
    public enum Kind: Sendable, Equatable {
        /// A system call failed with `errno`.
        case system(errno: Int32)
        /// Compressed data could not be decompressed.
        case corrupt
        /// The path names a FIFO, device, socket or directory where a regular file was needed.
        case notRegularFile
        /// The path is outside the places the service may read (`WEIR_SOURCE_DIRS`).
        case notAllowed
        /// No known log format fits the input's first lines.
        case unknownFormat
        /// The read stopped on request (a shutdown); nothing read should be committed.
        case stopped
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    package static func system(_ what: String, _ path: String, _ code: Int32) -> InputError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES: reason = "permission denied (check the file's mode or run as a user who may read it)"
        case EISDIR: reason = "it is a directory, not a file"
        default: reason = String(cString: strerror(code))
        }
        return InputError(.system(errno: code), "cannot \(what) \(path): \(reason)")
    }
}
