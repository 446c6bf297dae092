#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening a file that must be a regular file, without ever blocking: opened with `O_NONBLOCK`
/// (so a FIFO with no writer does not hang the caller), then checked with `fstat`. A FIFO,
/// device, socket or directory is an ``InputError`` of kind `notRegularFile` that says what it is.
public enum RegularFile {
    /// An open, read-only descriptor on the regular file at `path`; the caller closes it.
    public static func open(_ path: String) throws(InputError) -> Int32 {
        #if canImport(Glibc)
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        #else
        let fd = Darwin.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        #endif
        guard fd >= 0 else { throw InputError.system("open", path, errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw InputError.system("stat", path, code)
        }
        guard let kind = kindName(info.st_mode) else { return fd }
        close(fd)
        throw InputError(.notRegularFile, "cannot read \(path): it is \(kind), not a regular file; give the path of a log file")
    }

    /// What a non-regular file is, in words (`a FIFO (named pipe)`); `nil` for a regular file.
    public static func kindName(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
