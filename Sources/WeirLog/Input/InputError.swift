import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input could not be read, worded for the one-line error of the command line.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }

    static func system(_ what: String, _ path: String, _ code: Int32) -> InputError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES: reason = "permission denied (check the file's mode or run as a user who may read it)"
        case EISDIR: reason = "it is a directory, not a file"
        default: reason = String(cString: strerror(code))
        }
        return InputError("cannot \(what) \(path): \(reason)")
    }
}
