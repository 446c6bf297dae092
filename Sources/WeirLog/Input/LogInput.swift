import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a log input by path: `-` for standard input, gzip recognised by its magic bytes.
public enum LogInput {
    /// Opens `path`, transparently decompressing gzip files (by content, not by name).
    public static func open(_ path: String) throws(InputError) -> any ByteSource {
        let file = try FileDescriptorSource(path: path)
        guard path != "-" else { return file }
        if startsWithGzipMagic(file.fd) { return try GzipSource(file, path: path) }
        return file
    }

    /// Whether `path` can only be read front to back (standard input, a pipe or another
    /// non-regular file, or a gzip file), not cut into parts read at once.
    public static func isStream(_ path: String) throws(InputError) -> Bool {
        guard path != "-" else { return true }
        let file = try FileDescriptorSource(path: path)
        return regularFileSize(file.fd) == nil || startsWithGzipMagic(file.fd)
    }

    /// The size of the regular file open as `fd`, or `nil` when it is not a regular file.
    static func regularFileSize(_ fd: Int32) -> Int64? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    /// Whether the file open as `fd` begins with gzip's two magic bytes.
    static func startsWithGzipMagic(_ fd: Int32) -> Bool {
        var magic: (UInt8, UInt8) = (0, 0)
        return pread(fd, &magic, 2, 0) == 2 && magic.0 == 0x1F && magic.1 == 0x8B
    }
}
