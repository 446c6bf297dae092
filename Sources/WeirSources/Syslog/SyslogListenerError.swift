import NIOCore
import WeirLog

#if canImport(Glibc)
import Glibc
#endif

/// Why a listener could not start.
package struct SyslogListenerError: Error, CustomStringConvertible {
    package let address: SyslogAddress
    package let error: any Error

    package var description: String {
        if let io = error as? IOError, io.errnoCode == EADDRINUSE {
            return "cannot listen on \(address): the address is in use by another program (or another weir); choose another port or stop that program"
        }
        if let io = error as? IOError, io.errnoCode == EACCES {
            return "cannot listen on \(address): permission denied (ports below 1024 need privileges; use a higher port)"
        }
        if let io = error as? IOError, io.errnoCode == EADDRNOTAVAIL {
            return "cannot listen on \(address): no interface of this machine has that address"
        }
        return "cannot listen on \(address): \(error)"
    }
}
