import WeirCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the bytes a reader stopped after looked like: a hash of the (at most) 64 bytes just before
/// an offset, as 16 hexadecimal digits. A file with the same inode, at least as long, whose mark
/// at the offset differs was rewritten in place (truncated by `copytruncate` and written past the
/// offset since): reading on from the offset would lose its first lines and start mid-line.
public enum FileMark {
    /// The most bytes hashed.
    public static let length = 64

    /// The mark of the bytes just before `offset` in the file open as `fd` (named `path` in
    /// errors).
    public static func before(_ offset: Int64, in fd: Int32, path: String) throws(InputError) -> String {
        let bytes = try bytes(before: offset, in: fd, path: path)
        let hash = bytes.withUnsafeBytes { ByteKeyCounter.hash($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0.count) }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The (at most) ``length`` bytes just before `offset` in the file open as `fd` (named `path`
    /// in errors): what a mark is made of, and what a reader that keeps the bytes it read compares.
    public static func bytes(before offset: Int64, in fd: Int32, path: String) throws(InputError) -> [UInt8] {
        let start = max(0, offset - Int64(length))
        guard offset > start else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(offset - start))
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start)) }
        guard n == bytes.count else { throw InputError.system("read", path, n < 0 ? errno : EIO) }
        return bytes
    }
}
