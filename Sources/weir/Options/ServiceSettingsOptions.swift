import ArgumentParser
import Foundation
import Logging
import WeirModel
import WeirService
import WeirStore

/// Service settings given as flags: each maps to the setting key of the same meaning.
struct ServiceSettingsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Database URL: sqlite:weir.sqlite, sqlite:///abs/path.sqlite or postgres://… (WEIR_DATABASE_URL).", valueName: "URL"))
    var databaseURL: String?

    @Option(help: ArgumentHelp("A file of KEY=value settings, weaker than the environment and .env (WEIR_SETTINGS_FILE).", valueName: "FILE"))
    var settingsFile: String?

    /// The flags as setting keys.
    var flags: [String: String] {
        var flags: [String: String] = [:]
        if let databaseURL { flags["WEIR_DATABASE_URL"] = databaseURL }
        if let settingsFile { flags["WEIR_SETTINGS_FILE"] = settingsFile }
        return flags
    }

    /// The settings from every source; a bad one is one line naming its key.
    func load(extra: [String: String] = [:]) throws -> Settings {
        do {
            return try Settings.load(flags: flags.merging(extra) { $1 }, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
