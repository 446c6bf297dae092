import Dispatch
import Synchronization

/// Moves a value that is not `Sendable` to another thread and back, when exactly one thread
/// uses it at a time (the caller waits while ``BlockingWork`` runs).
package struct Handover<Value>: @unchecked Sendable {
    package var value: Value
}
