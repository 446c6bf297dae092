import WeirDetect
import WeirRules

/// A monitoring task: a data source, rules, and a schedule. Times are Unix seconds.
public struct MonitoringTask: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var description: String
    /// Seconds between runs.
    public var frequency: Int64
    public var nextRunTime: Int64
    public var isActive: Bool
    /// The data source, as given (`{"type":"file",…}`); secrets already encrypted.
    public var targetData: JSONValue
    /// The rules, as given (validated on every write).
    public var properties: JSONValue
    /// The user's choices for anomaly detection, or `nil` for Weir to choose everything.
    public var detection: JSONValue?
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(id: Int64 = 0, name: String, description: String, frequency: Int64, nextRunTime: Int64,
                isActive: Bool = true, targetData: JSONValue, properties: JSONValue, detection: JSONValue? = nil,
                createdAt: Int64 = 0, updatedAt: Int64 = 0) {
        self.id = id
        self.name = name
        self.description = description
        self.frequency = frequency
        self.nextRunTime = nextRunTime
        self.isActive = isActive
        self.targetData = targetData
        self.properties = properties
        self.detection = detection
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What started a run.
public enum RunTrigger: String, Sendable, Codable, CaseIterable {
    case scheduled, autoCheck = "auto_check", manual
    /// Runs again the work of a run whose instance stopped renewing its lease.
    case takeover

    /// Whether the run starts only while the task is due (a second instance that looked at the
    /// same moment then starts nothing).
    public var requiresDue: Bool { self == .scheduled || self == .autoCheck }
}

/// Who claims a run: this instance's id and how long its claim holds without renewal.
public struct RunOwner: Sendable, Equatable {
    public var instance: String
    public var leaseSeconds: Int64

    public init(instance: String, leaseSeconds: Int64) {
        self.instance = instance
        self.leaseSeconds = leaseSeconds
    }

    /// The owner of runs started by a single process (tests, `weir demo`).
    public static let local = RunOwner(instance: "local", leaseSeconds: 60)
}

/// Where a run is.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    /// Started, not yet committed.
    case running
    /// Findings and checkpoint committed.
    case succeeded
    /// Stopped by an error; nothing committed.
    case failed
    /// Stopped by a shutdown or a crash; nothing committed, the next run reads the same lines.
    case interrupted
}

/// One run of a task.
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var taskID: Int64
    public var trigger: RunTrigger
    public var status: RunStatus
    public var startedAt: Int64
    public var finishedAt: Int64?
    public var error: String?
    public var linesRead: Int64
    public var malformedLines: Int64
    public var bytesRead: Int64
    public var findingCount: Int64
    /// Things the run wants the user to know (a rule that could not apply, a lost rotated file).
    public var notes: [String]
    /// The instance that claimed the run (`WEIR_INSTANCE_ID`).
    public var instance: String? = nil
}

/// One finding, as stored.
public struct FindingRecord: Sendable, Equatable {
    public var id: Int64
    public var taskID: Int64
    public var runID: Int64
    public var finding: RuleFinding
    public var createdAt: Int64
}

/// What a successful run commits, all in one transaction.
public struct RunCompletion: Sendable {
    public var runID: Int64
    public var taskID: Int64
    public var finishedAt: Int64
    public var linesRead: Int64
    public var malformedLines: Int64
    public var bytesRead: Int64
    public var notes: [String]
    public var findings: [RuleFinding]
    /// The source's new checkpoint (JSON), or `nil` to keep the old one.
    public var checkpoint: String?
    /// The earliest request time the run read; rate findings that start within one window of it
    /// may continue a burst of the previous run.
    public var earliestRecord: Int64?
    /// Minutes of traffic to save (each replaces the stored minute with the same start).
    public var minutes: [FeatureBucket]
    /// Anomaly detection has scored every bucket before this instant.
    public var scoredThrough: Int64?

    public init(runID: Int64, taskID: Int64, finishedAt: Int64, linesRead: Int64, malformedLines: Int64,
                bytesRead: Int64, notes: [String], findings: [RuleFinding], checkpoint: String?, earliestRecord: Int64? = nil,
                minutes: [FeatureBucket] = [], scoredThrough: Int64? = nil) {
        self.minutes = minutes
        self.scoredThrough = scoredThrough
        self.runID = runID
        self.taskID = taskID
        self.finishedAt = finishedAt
        self.linesRead = linesRead
        self.malformedLines = malformedLines
        self.bytesRead = bytesRead
        self.notes = notes
        self.findings = findings
        self.checkpoint = checkpoint
        self.earliestRecord = earliestRecord
    }
}

/// Which findings to list.
public struct FindingQuery: Sendable {
    public var rule: String?
    /// Only findings whose last time is at or after this instant.
    public var since: Int64?
    public var limit: Int

    public init(rule: String? = nil, since: Int64? = nil, limit: Int = 100) {
        self.rule = rule
        self.since = since
        self.limit = limit
    }
}

/// Schedule arithmetic shared by every store and the scheduler.
public enum Schedule {
    /// The next run time after a run at `now`: `next` itself when still in the future, otherwise
    /// moved forward by whole multiples of `frequency` until it is strictly after `now`, so that a
    /// long outage gives one catch-up run, not one per missed period.
    public static func nextRunTime(after next: Int64, frequency: Int64, now: Int64) -> Int64 {
        guard next <= now else { return next }
        let periods = (now - next) / frequency + 1
        return next + periods * frequency
    }
}

/// A task's detection model as stored (JSON of ``TaskModel``).
public struct StoredModel: Sendable, Equatable {
    public var model: TaskModel
    public var historyMinutes: Int
    public var fittedAt: Int64

    public init(model: TaskModel, historyMinutes: Int, fittedAt: Int64) {
        self.model = model
        self.historyMinutes = historyMinutes
        self.fittedAt = fittedAt
    }

    /// This model if it was chosen for the user's current answers; `nil` once `detection` changed.
    public func current(for settings: DetectionSettings) -> StoredModel? {
        model.settings == settings ? self : nil
    }
}
