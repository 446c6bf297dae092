import Testing
import WeirCore
import WeirDetect
import WeirModel
import WeirRules
import WeirSources

@testable import WeirWeb

@Suite struct PageRendererTests {
    static let hostile = "<img src=x onerror=alert(1)> \"quoted\" 'single' & \u{FFFD}"

    static func task() throws -> MonitoringTask {
        var task = MonitoringTask(
            name: hostile,
            description: hostile,
            frequency: 300,
            nextRunTime: 0,
            target: .file(path: "/var/log/\(hostile)", format: "combined"),
            rules: TaskRules()
        )
        task.id = 3
        return task
    }

    @Test func everyTemplateParsesAndEveryPageEscapesWhatItShows() throws {
        let renderer = PageRenderer()
        let task = try Self.task()
        let minutes = (0..<30).map { FeatureBucket(start: 600 + Int64($0) * 60, requests: 10, distinctClients: 2) }
        let incident = Incident(
            id: 1,
            taskID: 3,
            rule: "anomaly",
            key: Self.hostile,
            state: .open,
            openedAt: 600,
            lastSeen: 900,
            peak: 9,
            findings: 2,
            summary: Self.hostile
        )
        var form = TaskFormView.blank()
        form.name = Self.hostile
        var errors = FieldErrors()
        errors.add("target_data.path", Self.hostile)
        form.show(errors)
        let pages: [any PageView] = [
            LoginView(next: "/\"><script>", problem: Self.hostile),
            ErrorView(heading: Self.hostile, message: Self.hostile),
            OverviewView(tasks: [OverviewView.row(task, lastRun: nil, openIncidents: 1, minutes: minutes)]),
            TaskView(
                task: task,
                range: .hour,
                minutes: minutes,
                anomalies: [TimeSpan(first: 900, last: 960, label: Self.hostile)],
                runs: [],
                incidents: [incident],
                model: nil,
                form: form,
                flash: Self.hostile
            ),
            NewTaskView(form: form),
            IncidentsView(incidents: [incident], taskNames: [3: Self.hostile], state: .open, taskID: 3),
            ChannelsView(channels: [], flash: Self.hostile, draft: .init(name: Self.hostile, url: Self.hostile)),
        ]
        for page in pages {
            let html = renderer.render(page, signedIn: true, canSignOut: true)
            #expect(html.hasPrefix("<!doctype html>"), "\(type(of: page))")
            #expect(!html.contains("<img"), "\(type(of: page)): unescaped markup")
            #expect(!html.contains("\"quoted\""), "\(type(of: page)): unescaped quotes")
            #expect(!html.contains("<script>"), "\(type(of: page))")
        }
        let taskPage = renderer.render(pages[3], signedIn: true, canSignOut: true)
        #expect(taskPage.contains("data-points=\"30\""))
        #expect(taskPage.contains("id=\"path-error\""))
        #expect(taskPage.contains("class=\"mark\""))
    }

    @Test func apiFieldsLandBesideTheFormsFields() {
        var form = TaskFormView.blank()
        var errors = FieldErrors()
        errors.add("task_frequency", "too small")
        errors.add("properties.black_ip_address", "must be a list")
        errors.add("target_data.format", "unknown")
        errors.add("notify", "no such channel")
        form.show(errors)
        #expect(form.errors["frequency"] == "too small")
        #expect(form.errors["rules"] == "properties.black_ip_address: must be a list")
        #expect(form.errors["format"] == "unknown")
        #expect(form.general == "notify: no such channel")
        var channelErrors = FieldErrors()
        channelErrors.add("url", "must be https")
        channelErrors.add("headers", "must be an object")
        let channels = ChannelsView(channels: [], fieldErrors: channelErrors)
        #expect(channels.errors == ["url": "must be https"])
        #expect(channels.general == "headers: must be an object")
    }
}
