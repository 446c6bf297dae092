import Foundation
import WeirLog

/// Where sources may be read from. Files (`WEIR_SOURCE_DIRS`): a path is allowed when, with its
/// symlinks resolved, it lies inside one of the directories (also resolved), and it is a regular
/// file or does not exist yet. OpenSearch (`WEIR_OPENSEARCH_HOSTS`): when a list is set, only
/// those hosts (`host` or `host:port`). Checked when a task is written (422) and again when it runs.
public struct SourcePolicy: Sendable, Equatable {
    /// The allowed directories, absolute, symlinks resolved where they exist.
    public let directories: [String]
    /// The OpenSearch hosts tasks may name, lower-cased; `nil` allows any.
    public let openSearchHosts: [String]?

    /// A policy allowing `directories` (absolute paths) and, when given, only `openSearchHosts`.
    public init(directories: [String], openSearchHosts: [String]? = nil) {
        self.directories = directories.map(Self.resolve)
        self.openSearchHosts = openSearchHosts?.map { $0.lowercased() }
    }

    /// Why an OpenSearch target at `host`:`port` may not be used, or `nil` when it may.
    public func problem(withHost host: String, port: Int) -> String? {
        guard let allowed = openSearchHosts else { return nil }
        let name = host.lowercased()
        guard allowed.contains(name) || allowed.contains("\(name):\(port)") else {
            return
                "\(host):\(port) is not among the OpenSearch hosts this service may reach (WEIR_OPENSEARCH_HOSTS=\(allowed.joined(separator: ",")))"
        }
        return nil
    }

    /// The default: `/var/log` and the service's working directory.
    public static func standard(workingDirectory: String = FileManager.default.currentDirectoryPath) -> SourcePolicy {
        SourcePolicy(directories: ["/var/log", workingDirectory])
    }

    /// Why `path` may not be read, or `nil` when it may.
    public func problem(with path: String) -> String? {
        guard path.hasPrefix("/") else { return "must be the log file's absolute path" }
        let resolved = Self.resolve(path)
        guard directories.contains(where: { resolved == $0 || resolved.hasPrefix($0 == "/" ? "/" : $0 + "/") }) else {
            let shown = resolved == path ? path : "\(path) (which resolves to \(resolved))"
            return "\(shown) is outside the directories Weir may read (\(directories.joined(separator: ":"))); "
                + "move the log or add its directory to WEIR_SOURCE_DIRS"
        }
        var info = stat()
        if stat(resolved, &info) == 0, let kind = RegularFile.kindName(info.st_mode) {
            return "\(path) is \(kind), not a regular file; give the path of a log file"
        }
        return nil
    }

    /// `path` with symlinks resolved: the whole path when it exists, else its deepest existing
    /// ancestor resolved and the rest appended; `.` and `..` are folded first.
    static func resolve(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardized.path
        var head = standard
        var tail: [String] = []
        while true {
            if let real = realpath(head, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return tail.isEmpty ? base : (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
            }
            guard let slash = head.lastIndex(of: "/"), head != "/" else { return standard }
            tail.append(String(head[head.index(after: slash)...]))
            head = slash == head.startIndex ? "/" : String(head[..<slash])
        }
    }
}
