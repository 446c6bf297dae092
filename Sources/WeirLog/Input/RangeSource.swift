#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes `[start, end)` of a file, read with `pread(2)`; asks `shouldStop` before each chunk.
/// A followed file's new bytes, or one part of a file that several threads read at once.
public final class RangeSource: ByteSource {
    private let fd: Int32
    private let path: String
    private var offset: Int64
    private let end: Int64
    private let shouldStop: () -> Bool

    /// Opens `path` to read `[start, end)`; a file that ends before `end` is a read error.
    public init(path: String, start: Int64, end: Int64, shouldStop: @escaping () -> Bool = { false }) throws(InputError) {
        fd = try RegularFile.open(path)
        self.path = path
        offset = start
        self.end = end
        self.shouldStop = shouldStop
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if shouldStop() { throw InputError.stopped }
        let want = Int(min(Int64(buffer.count), end - offset))
        guard want > 0 else { return 0 }
        let n = pread(fd, buffer.baseAddress, want, off_t(offset))
        guard n > 0 else { throw .system("read", path, n < 0 ? errno : EIO) }
        offset += Int64(n)
        return n
    }
}
