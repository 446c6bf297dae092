#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an incremental reader stopped in a file: the file's identity (device and inode) and the
/// byte offset just past the last complete line read. Stored per task so that each run reads only
/// what was appended since the previous one.
public struct FileCheckpoint: Sendable, Equatable, Codable {
    /// The file system device of the file read.
    public var device: UInt64
    /// The inode of the file read; a different inode at the same path means the file was rotated.
    public var inode: UInt64
    /// Bytes consumed: the offset just past the last `\n` read.
    public var offset: Int64
    /// The ``FileMark`` of the bytes before `offset`, to tell a file rewritten in place from one
    /// appended to; `nil` in checkpoints from before it was kept (then not compared).
    public var mark: String?
    /// For a W3C log: the flavor and fields of the last `#Fields:` line read, so that the next
    /// read, which starts after that line, parses the lines that follow it the same way.
    public var w3cFlavor: String?
    public var w3cFields: [String]?

    public init(device: UInt64, inode: UInt64, offset: Int64) {
        self.device = device
        self.inode = inode
        self.offset = offset
    }
}
