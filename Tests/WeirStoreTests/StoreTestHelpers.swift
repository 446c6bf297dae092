import Foundation
import Logging
import Testing
import WeirDetect
import WeirModel
import WeirRules
import WeirTestSupport
import WeirTraffic

@testable import WeirStore

/// Runs `body` against a fresh store and closes it.
func withStore(_ kind: StoreKind, _ body: (any WeirStore) async throws -> Void) async throws {
    try await kind.withStore(body)
}

func sampleTask(_ name: String = "nginx", next: Int64 = 1_000, frequency: Int64 = 60) -> MonitoringTask {
    MonitoringTask(
        name: name,
        description: "front door",
        frequency: frequency,
        nextRunTime: next,
        target: .file(path: "/var/log/nginx/access.log", format: "auto"),
        rules: try! TaskRules(properties: .object(["black_ip_address": .array([.string("192.0.2.0/24")])]))
    )
}

func finding(_ rule: String, client: String? = nil, first: Int64, last: Int64) -> RuleFinding {
    RuleFinding(
        rule: rule,
        client: client,
        first: first,
        last: last,
        peak: 3,
        windowSeconds: 60,
        limit: 2,
        message: "m",
        examples: ["/a"]
    )
}

/// Starts a run of `taskID` at `t` and commits `findings` with it: one line read, no checkpoint,
/// `latest` the run's latest log time, the task's incident `policy`, the bursts it `continuing`.
func commitRun(
    _ store: any WeirStore,
    taskID: Int64,
    at t: Int64,
    findings: [RuleFinding],
    latest: Int64? = nil,
    policy: IncidentPolicy = IncidentPolicy(quietSeconds: 600),
    continuing: Set<String> = []
) async throws {
    let run = try #require(try await store.startRun(taskID: taskID, trigger: .manual, now: t))
    try await store.completeRun(
        RunCompletion(
            runID: run.id,
            taskID: taskID,
            finishedAt: t,
            linesRead: 1,
            malformedLines: 0,
            bytesRead: 1,
            notes: [],
            findings: findings,
            checkpoint: nil,
            latestRecord: latest,
            incidentPolicy: policy,
            continuedBursts: continuing
        )
    )
}

/// Starts a run of the task at `now` and commits it with `traffic` and nothing else of note.
func commitTraffic(_ store: any WeirStore, taskID: Int64, now: Int64, _ traffic: TrafficCounts) async throws {
    let run = try #require(try await store.startRun(taskID: taskID, trigger: .manual, now: now))
    try await store.completeRun(
        RunCompletion(
            runID: run.id,
            taskID: taskID,
            finishedAt: now,
            linesRead: 1,
            malformedLines: 0,
            bytesRead: 1,
            notes: [],
            findings: [],
            checkpoint: "{}",
            traffic: traffic
        )
    )
}
