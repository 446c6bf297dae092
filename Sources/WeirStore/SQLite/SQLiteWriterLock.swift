import WeirModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writer per SQLite file: an exclusive `flock` on `<database>.lock`, taken when a service
/// opens its database and held until the store is closed or the process ends (the kernel drops
/// it even after a crash). A second service on the same file is refused with one line.
final class SQLiteWriterLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the lock for the database at `path`, or throws saying who holds it.
    static func acquire(databasePath path: String) throws(StoreError) -> SQLiteWriterLock {
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError("cannot create the lock file \(lockPath): \(String(cString: strerror(errno))); check that its folder is writable")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            close(fd)
            if busy {
                throw StoreError(
                    "the SQLite database \(path) is in use by another weir serve (it holds \(lockPath)); stop that one first, "
                        + "or use PostgreSQL (WEIR_DATABASE_URL=postgres://…) to run several instances"
                )
            }
            throw StoreError("cannot lock \(lockPath): \(String(cString: strerror(errno)))")
        }
        return SQLiteWriterLock(descriptor: fd)
    }

    /// Releases the lock.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
