#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// Something bytes are read from, a chunk at a time.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes; returns 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}

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

/// A file descriptor read with `read(2)`: a regular file, a pipe or standard input.
public final class FileDescriptorSource: ByteSource {
    /// The descriptor read from.
    public let fd: Int32
    private let path: String
    private let owns: Bool

    /// Opens `path` for reading; `-` is standard input.
    public init(path: String) throws(InputError) {
        self.path = path
        if path == "-" {
            fd = 0
            owns = false
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw .system("open", path, errno) }
        var info = stat()
        if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(opened)
            throw .system("read", path, EISDIR)
        }
        fd = opened
        owns = true
    }

    deinit { if owns { close(fd) } }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .system("read", path, errno)
        }
    }
}

/// A gzip (or zlib) stream decompressed on the fly; concatenated members are read in turn.
public final class GzipSource: ByteSource {
    private let inner: FileDescriptorSource
    private let path: String
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var finished = false

    /// Wraps an already opened compressed input.
    public init(_ inner: FileDescriptorSource, path: String) throws(InputError) {
        self.inner = inner
        self.path = path
        input = .allocate(byteCount: 1 << 18, alignment: 16)
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            input.deallocate()
            throw InputError("cannot decompress \(path): zlib failed to start")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard !finished else { return 0 }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(buffer.count)
        while stream.avail_out == UInt32(buffer.count) {
            if stream.avail_in == 0, try !refill() {
                finished = true
                break
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                // Another gzip member may follow (logrotate's `compresscmd` and `cat a.gz b.gz`).
                if stream.avail_in == 0, try !refill() {
                    finished = true
                    break
                }
                inflateReset(&stream)
            } else if status != Z_OK && status != Z_BUF_ERROR {
                throw InputError("cannot decompress \(path): the gzip data is corrupt (zlib status \(status))")
            } else if status == Z_BUF_ERROR && stream.avail_in > 0 {
                throw InputError("cannot decompress \(path): the gzip data is corrupt")
            }
        }
        return buffer.count - Int(stream.avail_out)
    }

    /// Reads more compressed bytes into the input buffer; false at the end of the file.
    private func refill() throws(InputError) -> Bool {
        let n = try inner.read(into: input)
        guard n > 0 else { return false }
        stream.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.avail_in = UInt32(n)
        return true
    }
}

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
