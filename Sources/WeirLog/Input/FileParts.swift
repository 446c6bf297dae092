#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular, uncompressed file cut into parts at line boundaries, each to be read on its own
/// thread: every part but the first begins just after a `\n`, so each line falls whole in one
/// part and the parts' lines, in order, are the file's.
public struct FileParts {
    /// The parts' byte ranges, in file order, covering the file.
    public let ranges: [Range<Int64>]

    /// Files smaller than this are read by one thread: splitting would cost more than it saves.
    public static let minimumSize: Int64 = 1 << 20

    /// Cuts `path` into up to `count` parts, or returns `nil` when it should be read whole:
    /// standard input, a pipe or another non-regular file, a gzip file, or a small file.
    public static func cut(_ path: String, into count: Int, minimumSize: Int64 = minimumSize) throws(InputError) -> FileParts? {
        guard count > 1, path != "-" else { return nil }
        let file = try FileDescriptorSource(path: path)
        guard let size = LogInput.regularFileSize(file.fd), size >= minimumSize, !LogInput.startsWithGzipMagic(file.fd) else { return nil }
        return try cut(file, path: path, range: 0..<size, into: count)
    }

    /// Cuts the bytes `range` of the regular, uncompressed file at `path` into up to `count`
    /// parts at line boundaries; `range` starts at a line's start (0, or just after a `\n`).
    /// A range under `minimumSize` is one part.
    public static func cut(_ path: String, range: Range<Int64>, into count: Int, minimumSize: Int64 = minimumSize) throws(InputError) -> FileParts {
        guard count > 1, range.upperBound - range.lowerBound >= minimumSize else { return FileParts(ranges: range.isEmpty ? [] : [range]) }
        return try cut(FileDescriptorSource(path: path), path: path, range: range, into: count)
    }

    private static func cut(_ file: FileDescriptorSource, path: String, range: Range<Int64>, into count: Int) throws(InputError) -> FileParts {
        var starts: [Int64] = [range.lowerBound]
        for i in 1..<max(count, 1) {
            let guess = range.lowerBound + (range.upperBound - range.lowerBound) / Int64(count) * Int64(i)
            guard let next = try lineStart(after: max(guess, starts.last!), in: file, path: path, size: range.upperBound), next > starts.last!
            else { continue }
            starts.append(next)
        }
        let ranges = zip(starts, starts.dropFirst() + [range.upperBound]).map { $0..<$1 }.filter { !$0.isEmpty }
        return FileParts(ranges: ranges)
    }

    /// The offset just after the first `\n` at or after `offset - 1`, or `nil` when none comes
    /// before the end.
    static func lineStart(after offset: Int64, in file: FileDescriptorSource, path: String, size: Int64) throws(InputError) -> Int64? {
        var position = max(offset - 1, 0)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while position < size {
            let n = buffer.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, $0.count, off_t(position)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system("read", path, errno)
            }
            if n == 0 { return nil }
            if let i = buffer[0..<n].firstIndex(of: 10) { return position + Int64(i) + 1 }
            position += Int64(n)
        }
        return nil
    }
}
