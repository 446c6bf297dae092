import Foundation
import Testing
import WeirModel
import WeirService
import WeirStore
import WeirTestSupport

/// Settings precedence and one-line errors naming the key.
struct SettingsTests {
    /// `docs/settings.md` lists every key once, with the default the code has.
    @Test func theSettingsDocumentStatesEveryKeyAndTheCodesDefault() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/settings.md"), encoding: .utf8)
        var documented: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `WEIR_") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let key = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            #expect(documented[key] == nil, "\(key) is listed twice")
            documented[key] = cells[2]
        }
        #expect(Set(documented.keys) == Set(Settings.keys))
        for (key, value) in Settings.documentedDefaults.sorted(by: { $0.key < $1.key }) {
            #expect(documented[key] == value, "docs/settings.md gives \(key) the default \(documented[key] ?? "nothing"), the code \(value)")
        }
        #expect(Set(Settings.documentedDefaults.keys) == Set(Settings.keys))
    }

    func folder(_ files: [String: String]) throws -> String {
        let dir = TemporaryFolder.path("weir-settings")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func flagsBeatEnvironmentBeatDotEnvBeatSettingsFileBeatDefaults() throws {
        let dir = try folder([
            "settings": "WEIR_PORT=1111\nWEIR_HOST=0.0.0.0\nWEIR_LOG_DIR=/from/file\nWEIR_AUTO_CHECK_INTERVAL=60\n",
            ".env": "# local\nWEIR_PORT=2222\nWEIR_HOST=\"10.0.0.1\"\nexport WEIR_LOG_DIR=/from/dotenv\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let settings = try Settings.load(
            flags: ["WEIR_PORT": "4444"],
            environment: ["WEIR_PORT": "3333", "WEIR_HOST": "10.0.0.2", "WEIR_SETTINGS_FILE": "\(dir)/settings", "HOME": "/root"],
            directory: dir
        )
        #expect(settings.port == 4444)
        #expect(settings.host == "10.0.0.2")
        #expect(settings.logDirectory == "/from/dotenv")
        #expect(settings.autoCheckInterval == 60)
        #expect(settings.databaseURL == .sqlite(path: "weir.sqlite"))
        let defaults = try Settings.load(flags: [:], environment: [:], directory: "/nonexistent-dir")
        #expect(defaults == Settings())
    }

    /// What Kubernetes puts in a pod's environment for a Service named `weir` does not stop
    /// start-up: unknown keys are named once in a warning, `WEIR_PORT=tcp://…` is ignored with one.
    @Test func variablesKubernetesInjectsAreWarnedAboutAndIgnored() throws {
        let injected = [
            "WEIR_PORT": "tcp://10.0.0.1:3000", "WEIR_SERVICE_HOST": "10.0.0.1", "WEIR_SERVICE_PORT": "3000",
            "WEIR_PORT_3000_TCP": "tcp://10.0.0.1:3000", "WEIR_PORT_3000_TCP_ADDR": "10.0.0.1", "WEIR_PORT_3000_TCP_PORT": "3000",
            "WEIR_PORT_3000_TCP_PROTO": "tcp", "WEIR_HOST": "0.0.0.0", "PATH": "/usr/bin",
        ]
        let settings = try Settings.load(flags: [:], environment: injected, directory: "/nonexistent-dir")
        #expect(settings.port == 3000)
        #expect(settings.host == "0.0.0.0")
        #expect(settings.warnings.count == 2, "\(settings.warnings)")
        let unknown = try #require(settings.warnings.first { $0.contains("not settings") })
        let words = unknown.split(whereSeparator: { " ,():".contains($0) }).map(String.init)
        for key in [
            "WEIR_SERVICE_HOST", "WEIR_SERVICE_PORT", "WEIR_PORT_3000_TCP", "WEIR_PORT_3000_TCP_ADDR", "WEIR_PORT_3000_TCP_PORT",
            "WEIR_PORT_3000_TCP_PROTO",
        ] {
            #expect(words.filter { $0 == key }.count == 1, "\(key) is named once: \(unknown)")
        }
        #expect(settings.warnings.contains { $0.hasPrefix("WEIR_PORT=tcp://10.0.0.1:3000 in the environment") })
        // A flag still sets the port.
        #expect(try Settings.load(flags: ["WEIR_PORT": "4000"], environment: injected, directory: "/nonexistent-dir").port == 4000)
        // A plain port in the environment is the user's.
        #expect(try Settings.load(flags: [:], environment: ["WEIR_PORT": "8080"], directory: "/nonexistent-dir").warnings.isEmpty)
    }

    /// In `.env` and settings files only the user writes: an unknown key or a `tcp://` port stays an error.
    @Test func unknownKeysInFilesStillStopStartUp() throws {
        for text in ["WEIR_SERVICE_HOST=10.0.0.1\n", "WEIR_PORT=tcp://10.0.0.1:3000\n"] {
            let dir = try folder([".env": text])
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let error = #expect(throws: SettingsError.self) { try Settings.load(flags: [:], environment: [:], directory: dir) }
            #expect(error?.key == (text.hasPrefix("WEIR_PORT") ? "WEIR_PORT" : "WEIR_SERVICE_HOST"))
        }
    }

    @Test func badSettingsNameTheirKey() throws {
        let cases: [([String: String], String)] = [
            (["WEIR_PORT": "http"], "WEIR_PORT"),
            (["WEIR_PORT": "70000"], "WEIR_PORT"),
            (["WEIR_ENV": "staging"], "WEIR_ENV"),
            (["WEIR_DATABASE_URL": "mysql://x"], "WEIR_DATABASE_URL"),
            (["WEIR_AUTO_CHECK_INTERVAL": "0"], "WEIR_AUTO_CHECK_INTERVAL"),
            (["WEIR_DEBUG": "maybe"], "WEIR_DEBUG"),
            (["WEIR_PROT": "1"], "WEIR_PROT"),
            (["WEIR_ENV": "production"], "WEIR_API_TOKEN"),
            (["WEIR_RUN_PARSING_THREADS": "17"], "WEIR_RUN_PARSING_THREADS"),
            (["WEIR_RUN_PARSING_THREADS": "-1"], "WEIR_RUN_PARSING_THREADS"),
            (["WEIR_RUN_PARSING_THREADS": "two"], "WEIR_RUN_PARSING_THREADS"),
        ]
        for (values, key) in cases {
            #expect(throws: SettingsError.self) { try Settings(values: values) }
            do { _ = try Settings(values: values) } catch {
                #expect(error.key == key)
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(try Settings(values: ["WEIR_ENV": "production", "WEIR_API_TOKEN": "t"]).environment == .production)
        #expect(try Settings(values: ["WEIR_RUN_PARSING_THREADS": "0"]).runParsingThreads == 0)
        #expect(try Settings(values: [:]).runParsingThreads == nil)
        #expect(throws: SettingsError.self) { try Settings.load(flags: ["WEIR_SETTINGS_FILE": "/nonexistent/settings"], environment: [:]) }
    }
}
