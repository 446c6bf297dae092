import Foundation
import WeirTestSupport

/// Runs the built `weir` executable as a user would.
enum WeirProcess {
    /// The `weir` binary next to the test bundle in the build directory.
    static var executable: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("weir").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("weir")
    }

    /// `shared/`, beside the repository: its data and tools.
    static let sharedPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared").path

    /// The real Apache sample in `shared/data`.
    static let samplePath = sharedPath + "/data/apache_logs"

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `weir arguments…`, optionally feeding `stdin`, and waits for it. With `environment`,
    /// the process has this one's environment without its `WEIR_` variables, plus those given.
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("WEIR_") }.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try SerialSpawn.run(process)
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        // Read both pipes before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    /// ``run(_:stdin:)`` on a thread of its own, so that waiting for the process blocks no thread
    /// of the cooperative pool: a test that serves HTTP in-process (a webhook receiver) needs the
    /// pool free while `weir` talks to it.
    static func runAwaiting(_ arguments: [String], stdin: Data? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Swift.Result { try run(arguments, stdin: stdin) }) }
        }
    }

    /// Waits for `process` to exit on a thread of its own (see ``runAwaiting(_:)``).
    static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }

    /// Runs `body` on a thread of its own (see ``runAwaiting(_:)``): for a test that must time
    /// its steps with blocking sleeps, which the cooperative pool of a loaded run would delay.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Swift.Result { try body() }) }
        }
    }

    /// Reads `pipe` to its end, then waits for `process` to exit, on a thread of its own (see
    /// ``runAwaiting(_:)``); returns what was read.
    static func output(of process: Process, through pipe: Pipe) async -> Data {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }
        }
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL { try TemporaryFolder.make("weir-e2e") }
}
