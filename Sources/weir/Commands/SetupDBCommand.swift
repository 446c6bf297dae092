import ArgumentParser
import Foundation
import Logging
import WeirModel
import WeirService
import WeirStore

struct SetupDBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup-db",
        abstract: "Creates or migrates the service's database schema and seeds the rule catalogue.",
        discussion: """
            Harmless to run again: it applies only the migrations the database lacks and never drops \
            data, unless given --reset --yes, which deletes every task, run and finding first. \
            The database comes from --database-url, WEIR_DATABASE_URL (environment, .env or the \
            settings file), or sqlite:weir.sqlite in the working directory.
            """
    )

    @OptionGroup var settingsOptions: ServiceSettingsOptions

    @Flag(help: "Delete every table Weir owns before creating the schema again (needs --yes).")
    var reset = false

    @Flag(help: "Confirm --reset.")
    var yes = false

    func validate() throws {
        if reset, !yes { throw ValidationError("--reset deletes every task, run and finding; add --yes to confirm") }
    }

    func run() async throws {
        let settings = try settingsOptions.load()
        let logger = Logger(label: "weir")
        let store = try await WeirServer.openStore(settings.databaseURL, logger: logger, exclusive: reset)
        let report = try await store.withConnections { store in
            if reset { try await store.reset() }
            let before = try await store.schemaVersion()
            try await store.migrate()
            let after = try await store.schemaVersion()
            let rules = try await store.ruleCatalogue().count
            return before == after
                ? "weir setup-db: schema already at version \(after); \(rules) rules in the catalogue"
                : "weir setup-db: schema migrated from version \(before) to \(after); \(rules) rules in the catalogue"
        }
        print(report)
    }
}
