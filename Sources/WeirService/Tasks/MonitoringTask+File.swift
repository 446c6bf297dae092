import WeirCore
import WeirSources
import WeirStore

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
        properties: JSONValue
    ) -> MonitoringTask {
        MonitoringTask(
            name: name,
            description: description,
            frequency: frequency,
            nextRunTime: nextRunTime,
            targetData: TargetData.file(path: path, format: format).json,
            properties: properties
        )
    }
}
