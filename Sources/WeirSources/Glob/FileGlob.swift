import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file task's path with `*`, `?` or `[…]` in its file name, such as
/// `/var/log/containers/ingress-nginx-*.log`: the files of one directory whose names match,
/// found again at every run so that files that appear (a new pod) are read and files that go
/// are dropped.
package struct FileGlob: Sendable, Equatable {
    package let directory: String
    package let pattern: String
    /// The most files one glob reads in a run; each is read on a thread of its own.
    package static let fileLimit = 64

    /// The glob of `path`, or `nil` when its file name has no glob character. Throws when the
    /// directory part has one: only file names may be patterns.
    package init?(_ path: String) throws(GlobError) {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let name = path[path.index(after: slash)...]
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        if directory.contains(where: Self.isGlobCharacter) {
            throw GlobError("\(path): only the file name may hold *, ? or […]; the directory must be named in full")
        }
        guard name.contains(where: Self.isGlobCharacter) else { return nil }
        self.directory = directory
        pattern = String(name)
    }

    static func isGlobCharacter(_ c: Character) -> Bool { c == "*" || c == "?" || c == "[" }

    /// The matching regular files (symbolic links followed), by path in name order.
    package func matches() throws(GlobError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw GlobError("the directory \(directory) cannot be listed: \(error.localizedDescription)")
        }
        var paths: [String] = []
        for name in names.sorted() where fnmatch(pattern, name, FNM_PERIOD) == 0 {
            let path = directory == "/" ? "/" + name : directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            paths.append(path)
        }
        if paths.count > Self.fileLimit {
            throw GlobError(
                "\(directory)/\(pattern) matches \(paths.count) files, more than the \(Self.fileLimit) one task reads; narrow the pattern or split it into tasks"
            )
        }
        return paths
    }
}

/// Why a glob cannot be used.
package struct GlobError: Error, CustomStringConvertible, Sendable {
    package let description: String
    init(_ description: String) { self.description = description }
}
