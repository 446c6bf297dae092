import ArgumentParser
import Foundation
import WeirCore

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
        version: WeirVersion.current,
        subcommands: [
            GenerateCommand.self, MonitorCommand.self, AnalyzeCommand.self, DetectCommand.self, ServeCommand.self, SetupDBCommand.self,
            DemoCommand.self, BenchCommand.self, DetectEvalCommand.self,
        ]
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
        } catch let exit as ExitCode {
            // The command said what it had to (`weir serve --check`'s lines) and chose its status.
            Glibc.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit { exit(withError: error) }
            let text = oneLine(Weir.message(for: error))
            FileHandle.standardError.write(Data("weir: \(text)\n".utf8))
            Glibc.exit(code == .validationFailure ? 64 : 1)
        }
    }

    /// ArgumentParser's message as one line: its first paragraph, a list of choices joined by commas.
    static func oneLine(_ message: String) -> String {
        var parts: [String] = []
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("Usage:") { break }
            parts.append(trimmed.hasPrefix("- ") ? String(trimmed.dropFirst(2)) + "," : trimmed)
        }
        var text = parts.joined(separator: " ")
        if text.hasSuffix(",") { text.removeLast() }
        if text.hasPrefix("Error: ") { text.removeFirst(7) }
        return text.isEmpty ? "failed" : text
    }
}
