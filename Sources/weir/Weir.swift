import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `weir` command: parses arguments and hands over to the libraries.
@main
struct Weir: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weir",
        abstract: "Watches HTTP access logs: reports traffic, alerts when it goes wrong.",
        discussion: """
            Start with `weir generate --count 100000 --start 2026-01-01T00:00:00Z -f /tmp/access.log`
            then `weir analyze /tmp/access.log`. Every subcommand has its own --help.
            """,
        subcommands: [GenerateCommand.self, MonitorCommand.self, AnalyzeCommand.self, DetectCommand.self, ServeCommand.self, SetupDBCommand.self,
                      DemoCommand.self, BenchCommand.self, DetectEvalCommand.self]
    )

    /// Runs the command line; any failure prints exactly one line on stderr and exits non-zero.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit { exit(withError: error) }
            let message = Weir.message(for: error)
            let firstLine = message.split(separator: "\n").first.map(String.init) ?? "failed"
            let text = firstLine.hasPrefix("Error: ") ? String(firstLine.dropFirst(7)) : firstLine
            FileHandle.standardError.write(Data("weir: \(text)\n".utf8))
            Glibc.exit(code == .validationFailure ? 64 : 1)
        }
    }
}
