#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Follows a growing file the way `tail -F` does, by polling: appended bytes are read as they
/// arrive, a line is handed out only once its `\n` has arrived, a truncated file is read again
/// from its start (also one truncated and written past the offset read between two polls, as
/// `copytruncate` can leave a small log: the bytes before the offset are no longer those read), a
/// file renamed away and replaced is finished and the new one read from its start, and a file that
/// does not exist yet is waited for.
public struct FileFollower {
    /// What happened during one poll, besides lines.
    public enum Notice: Sendable, Equatable {
        case waiting, opened, truncated, rotated
    }

    public let path: String
    private var fd: Int32 = -1
    private var device: UInt64 = 0
    private var inode: UInt64 = 0
    private var offset: Int64 = 0
    /// The (at most) ``FileMark/length`` bytes just before `offset`, as read.
    private var tail: [UInt8] = []
    private var splitter: LineSplitter
    private var buffer: [UInt8]
    private var saidWaiting = false

    /// Prepares to follow `path`; with `fromStart` false an existing file is read from its end.
    /// A file that appears later is always read from its start.
    public init(path: String, fromStart: Bool, maxLineLength: Int = LineSplitter.defaultMaxLineLength) {
        self.path = path
        splitter = LineSplitter(maxLineLength: maxLineLength)
        buffer = [UInt8](repeating: 0, count: 1 << 20)
        if openFile(), !fromStart {
            if let identity = FileIdentity(fd: fd) {
                offset = identity.size
                tail = (try? FileMark.bytes(before: offset, in: fd, path: path)) ?? []
            }
        }
    }

    /// Closes the file.
    public mutating func close() {
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
    }

    /// Reads whatever is new, calling `line(bytes, truncated)` for each complete line and
    /// `notice` for what happened to the file. Returns the number of bytes read.
    @discardableResult
    public mutating func poll(line: (UnsafeRawBufferPointer, Bool) -> Void, notice: (Notice) -> Void) -> Int {
        if fd < 0 {
            guard openFile() else {
                if !saidWaiting {
                    saidWaiting = true
                    notice(.waiting)
                }
                return 0
            }
            offset = 0
            tail = []
            notice(.opened)
        }
        // Bytes that cannot be read there are no proof of a rewrite: the file is taken as it was.
        if let size = FileIdentity(fd: fd)?.size,
            size < offset || (try? FileMark.bytes(before: offset, in: fd, path: path)).map({ $0 != tail }) == true
        {
            offset = 0
            tail = []
            splitter.reset()
            notice(.truncated)
        }
        var total = drain(line)
        // Rotation: the path now names another file (or none). Finish the old one, then switch.
        let current = FileIdentity(path: path)
        let renamed = current?.inode != inode || current?.device != device
        if renamed {
            total += drain(line)
            splitter.finish(line)
            close()
            if openFile() {
                offset = 0
                tail = []
                notice(.rotated)
                total += drain(line)
            } else {
                saidWaiting = false
            }
        }
        return total
    }

    private mutating func drain(_ line: (UnsafeRawBufferPointer, Bool) -> Void) -> Int {
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n <= 0 { break }
            offset += Int64(n)
            total += n
            buffer.withUnsafeBytes {
                let read = UnsafeRawBufferPointer(rebasing: $0[0..<n])
                tail = n >= FileMark.length ? Array(read.suffix(FileMark.length)) : Array((tail + read).suffix(FileMark.length))
                splitter.consume(read, line)
            }
        }
        return total
    }

    private mutating func openFile() -> Bool {
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return false }
        guard let identity = FileIdentity(fd: opened) else {
            _ = Glibc.close(opened)
            return false
        }
        fd = opened
        device = identity.device
        inode = identity.inode
        return true
    }
}
