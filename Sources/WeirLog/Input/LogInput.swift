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
        var magic: (UInt8, UInt8) = (0, 0)
        let n = pread(file.fd, &magic, 2, 0)
        if n == 2, magic.0 == 0x1F, magic.1 == 0x8B { return try GzipSource(file, path: path) }
        return file
    }
}
