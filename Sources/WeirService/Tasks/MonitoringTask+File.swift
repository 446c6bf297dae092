import WeirModel
import WeirRules
import WeirSources

extension MonitoringTask {
    /// A task on a local access-log file, built from typed parts rather than hand-written JSON
    /// (the demo and the task benchmark make theirs this way).
    public static func onFile(
        _ path: String,
        format: String = "auto",
        name: String,
        description: String = "",
        frequency: Int64,
        nextRunTime: Int64,
        rules: TaskRules
    ) -> MonitoringTask {
        MonitoringTask(
            name: name,
            description: description,
            frequency: frequency,
            nextRunTime: nextRunTime,
            target: .file(path: path, format: format),
            rules: rules
        )
    }
}
