import WeirLog

/// Where a glob's runs stopped: a checkpoint per file read, by path. A file that no longer
/// matches is dropped from it; a new one starts at its beginning.
package struct GlobCheckpoint: Sendable, Equatable, Codable {
    package var files: [String: FileCheckpoint] = [:]
}
