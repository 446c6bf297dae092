import Foundation
import Logging
import Testing
import WeirDetect
import WeirModel
import WeirRules
import WeirTestSupport
import WeirTraffic

@testable import WeirStore

/// The storage contract every store implementation passes.
struct StoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func migrationIsRepeatableAndSeedsTheCatalogue(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.migrate()
            try await store.migrate()
            #expect(try await store.schemaVersion() == Migrations.all.count)
            let names = try await store.ruleCatalogue().map(\.name)
            #expect(names == RuleName.allCases.map(\.rawValue).sorted())
            try await store.ping()
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pruningDeletesOldRunsFindingsAndMinutesInBatchesAndNothingElse(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(), now: 0)
            // Five old runs (day 1) with two findings each, one recent run, one still running.
            for n in 0..<5 {
                let run = try #require(try await store.startRun(taskID: task.id, trigger: .manual, now: 86_400 + Int64(n)))
                try await store.completeRun(
                    RunCompletion(
                        runID: run.id,
                        taskID: task.id,
                        finishedAt: 86_400 + Int64(n),
                        linesRead: 1,
                        malformedLines: 0,
                        bytesRead: 1,
                        notes: [],
                        findings: [finding("a\(n)", first: 1, last: 1), finding("b\(n)", first: 1, last: 1)],
                        checkpoint: "{\"n\":\(n)}",
                        minutes: [FeatureBucket(start: 86_400 + Int64(n) * 60, requests: 1)]
                    )
                )
            }
            // An incident resolved on day 1 with its delivered notification, and one still open.
            let channel = try await store.createChannel(Channel(name: "c", type: .webhook, url: "http://h/"), now: 0)
            let policy = IncidentPolicy(quietSeconds: 600, channelIDs: [channel.id])
            for (t, client) in [(Int64(90_000), "192.0.2.1"), (Int64(95_000), "192.0.2.2")] {
                let blacklisted = RuleFinding(rule: "black_ip_address", client: client, first: t - 10, last: t - 10, peak: 1, message: "m")
                try await commitRun(store, taskID: task.id, at: t, findings: [blacklisted], latest: t, policy: policy)
            }
            for n in try await store.claimNotifications(instance: "i", now: 95_000, until: 95_100, limit: 10) {
                try await store.recordAttempt(
                    notificationID: n.id,
                    NotificationAttempt(at: 95_000, status: 200, error: nil, milliseconds: 1),
                    outcome: .delivered
                )
            }
            _ = try await store.resolveIncidents(taskID: task.id, policy: IncidentPolicy(quietSeconds: 600), at: 96_000)
            let recent = try #require(try await store.startRun(taskID: task.id, trigger: .manual, now: 900_000))
            try await store.abandonRun(id: recent.id, status: .failed, error: "e", at: 900_000)
            let running = try #require(try await store.startRun(taskID: task.id, trigger: .manual, now: 900_001))

            var total = PruneCount()
            var batches = 0
            while true {
                let deleted = try await store.prune(before: 500_000, batch: 2)
                total = total + deleted
                batches += 1
                if !deleted.filled(2) { break }
            }
            #expect(batches >= 3, "small batches: \(batches)")
            #expect(total.runs == 7 && total.trafficMinutes == 5)
            #expect(total.findings == 12, "every finding goes in a bounded batch of its own, none in a run's cascade")
            // Day 1's incidents are all resolved: the ten of the first runs' findings (by the later
            // runs' log time, with a notification each), and the two blacklisted clients. Ten of the
            // thirteen notifications were delivered: they go with their attempts; pending ones stay.
            #expect(total.incidents == 12 && total.notifications == 20, "\(total)")
            #expect(try await store.notifications(NotificationQuery()).map(\.state) == [.pending, .pending, .pending])
            let left = try await store.runs(taskID: task.id, limit: 100).map(\.id)
            #expect(left == [running.id, recent.id])
            #expect(try await store.findings(taskID: task.id, query: FindingQuery(limit: 100)).isEmpty)
            #expect(try await store.task(id: task.id) != nil)
            #expect(try await store.checkpoint(taskID: task.id) == "{\"n\":4}", "the checkpoint is never deleted")
            #expect(try await store.trafficMinuteCount(taskID: task.id) == 0)
        }
    }

    @Test func aSQLiteFileHasOneExclusiveWriter() async throws {
        let path = TemporaryFolder.path("weir-lock", suffix: ".sqlite")
        defer { for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let first = try await SQLiteDatabaseClient(path: path, logger: Logger(label: "test"), exclusive: true)
        do {
            _ = try await SQLiteDatabaseClient(path: path, logger: Logger(label: "test"), exclusive: true)
            Issue.record("a second exclusive open of one SQLite file succeeded")
        } catch let error as StoreError {
            #expect(error.description.contains("is in use by another weir serve"))
        }
        let reader = try await SQLiteDatabaseClient(path: path, logger: Logger(label: "test"))
        try await reader.close()
        try await first.close()
        let again = try await SQLiteDatabaseClient(path: path, logger: Logger(label: "test"), exclusive: true)
        try await again.close()
    }

    @Test(arguments: StoreKind.allCases)
    func endedSessionsAreKeptUntilTheyWouldHaveExpired(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await !store.isSessionRevoked(id: "a"))
            try await store.revokeSession(id: "a", expiresAt: 1_000, now: 500)
            try await store.revokeSession(id: "a", expiresAt: 1_000, now: 600)  // twice is once
            #expect(try await store.isSessionRevoked(id: "a"))
            #expect(try await !store.isSessionRevoked(id: "b"))
            try await store.revokeSession(id: "b", expiresAt: 3_000, now: 1_000)  // "a" expired: forgotten
            #expect(try await !store.isSessionRevoked(id: "a"))
            #expect(try await store.isSessionRevoked(id: "b"))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aStoredTaskThatDoesNotDecodeIsAnErrorNamingIt(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(), now: 500)
            let database = try #require((store as? SQLStore)?.database)
            let badRules = #"{"black_ip_address":["not an address"]}"#
            _ = try await database.query("UPDATE tasks SET properties = ? WHERE id = ?", [.text(badRules), .integer(task.id)])
            do {
                _ = try await store.task(id: task.id)
                Issue.record("a task whose stored rules do not decode was read without an error")
            } catch let error as StoreError {
                #expect(error.description.contains("task \(task.id) cannot be read"))
                #expect(error.description.contains("properties.black_ip_address[0]"))
            }
            _ = try await database.query("UPDATE tasks SET target_data = ? WHERE id = ?", [.text("not json"), .integer(task.id)])
            await #expect(throws: StoreError.self) { try await store.tasks(activeOnly: false) }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func tasksRoundTripUpdateAndList(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var task = try await store.createTask(sampleTask(), now: 500)
            #expect(task.id > 0 && task.createdAt == 500)
            #expect(try await store.task(id: task.id) == task)
            task.isActive = false
            task.detection = try TaskDetection(json: .object(["method": .string("auto")]))
            let updated = try #require(try await store.updateTask(task, now: 600))
            #expect(updated.updatedAt == 600 && updated.detection == task.detection && !updated.isActive)
            _ = try await store.createTask(sampleTask("apache"), now: 700)
            #expect(try await store.tasks(activeOnly: false).map(\.name) == ["nginx", "apache"])
            #expect(try await store.tasks(activeOnly: true).map(\.name) == ["apache"])
            var missing = task
            missing.id = 999
            #expect(try await store.updateTask(missing, now: 1) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func oneRunAtATimeAndTheScheduleMovesPastNow(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(next: 1_000, frequency: 60), now: 0)
            #expect(try await store.dueTasks(at: 999).isEmpty)
            #expect(try await store.dueTasks(at: 1_000).map(\.id) == [task.id])
            // Ten periods late: one run, and the next time is the first period boundary after now.
            let run = try #require(try await store.startRun(taskID: task.id, trigger: .autoCheck, now: 1_630))
            #expect(run.status == .running && run.trigger == .autoCheck)
            #expect(try await store.task(id: task.id)?.nextRunTime == 1_660)
            #expect(try await store.startRun(taskID: task.id, trigger: .manual, now: 1_631) == nil)
            #expect(try await store.dueTasks(at: 1_659).isEmpty)
            try await store.abandonRun(id: run.id, status: .failed, error: "boom", at: 1_640)
            let again = try #require(try await store.startRun(taskID: task.id, trigger: .manual, now: 1_641))
            #expect(try await store.task(id: task.id)?.nextRunTime == 1_660, "a run before the due time keeps the schedule")
            #expect(try await store.runs(taskID: task.id, limit: 10).map(\.id) == [again.id, run.id])
            #expect(try await store.run(id: run.id)?.error == "boom")
            #expect(try await store.startRun(taskID: 12345, trigger: .manual, now: 1) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func claimsAreOncePerDueTimeAndLeasesRenewUntilTheyLapse(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(next: 1_000, frequency: 60), now: 0)
            let a = RunOwner(instance: "a", leaseSeconds: 30)
            let b = RunOwner(instance: "b", leaseSeconds: 30)
            // Eight claims of one due time at once, as from eight instances: exactly one starts.
            let claims = try await withThrowingTaskGroup(of: RunRecord?.self) { group in
                for i in 0..<8 {
                    group.addTask { try await store.startRun(taskID: task.id, trigger: .scheduled, now: 1_000, owner: i % 2 == 0 ? a : b) }
                }
                return try await group.reduce(into: [RunRecord]()) { if let run = $1 { $0.append(run) } }
            }
            #expect(claims.count == 1)
            let run = try #require(claims.first)
            #expect(run.instance == "a" || run.instance == "b")
            // Once it ended, a late claim of the same due time starts nothing: the task is not due.
            try await store.abandonRun(id: run.id, status: .failed, error: "x", at: 1_001)
            #expect(try await store.startRun(taskID: task.id, trigger: .scheduled, now: 1_002, owner: b) == nil)
            #expect(try await store.startRun(taskID: task.id, trigger: .takeover, now: 1_003, owner: b) != nil)
            // Renewed leases hold; a lapsed one is reclaimed (on a shared store) and only then.
            #expect(try await store.renewLeases(instance: "b", until: 1_100) == 1)
            #expect(try await store.renewLeases(instance: "a", until: 1_100) == 0)
            #expect(try await store.reclaimExpiredRuns(at: 1_099).isEmpty)
            let reclaimed = try await store.reclaimExpiredRuns(at: 1_101)
            if kind == .postgres {
                #expect(reclaimed.map(\.status) == [.interrupted])
                #expect(reclaimed.first?.error?.contains("instance b stopped renewing") == true)
            } else {
                #expect(reclaimed.isEmpty)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func completionCommitsFindingsAndCheckpointTogether(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(), now: 0)
            let run = try #require(try await store.startRun(taskID: task.id, trigger: .scheduled, now: 1_000))
            #expect(try await store.checkpoint(taskID: task.id) == nil)
            let findings = [
                finding("black_ip_address", client: "192.0.2.1", first: 10, last: 20),
                finding("average_requests_per_time_interval", first: 30, last: 40),
            ]
            try await store.completeRun(
                RunCompletion(
                    runID: run.id,
                    taskID: task.id,
                    finishedAt: 1_005,
                    linesRead: 100,
                    malformedLines: 2,
                    bytesRead: 9_000,
                    notes: ["n"],
                    findings: findings,
                    checkpoint: #"{"offset":9000}"#
                )
            )
            let done = try #require(try await store.run(id: run.id))
            #expect(done.status == .succeeded && done.linesRead == 100 && done.malformedLines == 2 && done.findingCount == 2 && done.notes == ["n"])
            #expect(try await store.checkpoint(taskID: task.id) == #"{"offset":9000}"#)
            let stored = try await store.findings(taskID: task.id, query: FindingQuery())
            #expect(stored.map(\.finding) == findings.reversed())
            #expect(try await store.findings(taskID: task.id, query: FindingQuery(rule: "black_ip_address")).count == 1)
            #expect(try await store.findings(taskID: task.id, query: FindingQuery(since: 35)).count == 1)
            #expect(try await store.findings(taskID: task.id, query: FindingQuery(limit: 1)).map(\.finding) == [findings[1]])

            // A completion for a run that is no longer running commits nothing at all: on SQLite a
            // restart marked it interrupted; on PostgreSQL its lease expired and another instance
            // reclaimed it.
            let second = try #require(
                try await store.startRun(
                    taskID: task.id,
                    trigger: .manual,
                    now: 1_010,
                    owner: RunOwner(instance: "a", leaseSeconds: 1)
                )
            )
            if kind == .postgres {
                #expect(try await store.interruptRunningRuns(at: 1_011) == 0, "a shared store leaves runs to their leases")
                #expect(try await store.reclaimExpiredRuns(at: 1_012).map(\.id) == [second.id])
            } else {
                #expect(try await store.reclaimExpiredRuns(at: 1_012).isEmpty, "one process: nobody else to take over")
                #expect(try await store.interruptRunningRuns(at: 1_011) == 1)
            }
            await #expect(throws: StoreError.self) {
                try await store.completeRun(
                    RunCompletion(
                        runID: second.id,
                        taskID: task.id,
                        finishedAt: 1_012,
                        linesRead: 1,
                        malformedLines: 0,
                        bytesRead: 1,
                        notes: [],
                        findings: findings,
                        checkpoint: #"{"offset":1}"#
                    )
                )
            }
            #expect(try await store.findings(taskID: task.id, query: FindingQuery()).count == 2)
            #expect(try await store.checkpoint(taskID: task.id) == #"{"offset":9000}"#)
            #expect(try await store.run(id: second.id)?.status == .interrupted)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aBurstGoingOnAcrossTwoRunsIsOneFinding(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(), now: 0)
            let limit = WindowLimit(seconds: 10, max: 100)
            func commit(_ findings: [RuleFinding], at t: Int64, continuing: Set<String> = []) async throws {
                try await commitRun(store, taskID: task.id, at: t, findings: findings, continuing: continuing)
            }
            try await commit(
                [
                    .burst(client: nil, first: 100, last: 130, peak: 150, limit: limit),
                    .burst(client: "10.0.0.1", first: 100, last: 130, peak: 120, limit: limit),
                ],
                at: 131
            )
            // The next run's bursts: the overall one goes on (the evaluator carried it over and
            // reports it with its start), the client's starts long after its last one ended, and
            // another limit is another finding.
            try await commit(
                [
                    .burst(client: nil, first: 100, last: 150, peak: 180, limit: limit),
                    .burst(client: "10.0.0.1", first: 500, last: 510, peak: 101, limit: limit),
                    .burst(client: nil, first: 131, last: 150, peak: 180, limit: WindowLimit(seconds: 10, max: 120)),
                ],
                at: 600,
                continuing: [RuleFinding.burst(client: nil, first: 100, last: 150, peak: 180, limit: limit).burstKey]
            )
            let stored = try await store.findings(taskID: task.id, query: FindingQuery()).map(\.finding)
            #expect(stored.count == 4)
            let overall = stored.filter { $0.client == nil && $0.limit == 100 }
            #expect(overall.count == 1)
            #expect(overall.first?.first == 100 && overall.first?.last == 150 && overall.first?.peak == 180)
            #expect(overall.first?.message.contains("up to 180 requests") == true)
            #expect(stored.filter { $0.client == "10.0.0.1" }.count == 2)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func manyFindingsCommitInOneGo(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(), now: 0)
            let run = try #require(try await store.startRun(taskID: task.id, trigger: .manual, now: 1))
            let many = (0..<237).map { finding("accepted_urls", client: "10.0.\($0 / 256).\($0 % 256)", first: Int64($0), last: Int64($0)) }
            try await store.completeRun(
                RunCompletion(
                    runID: run.id,
                    taskID: task.id,
                    finishedAt: 2,
                    linesRead: 237,
                    malformedLines: 0,
                    bytesRead: 1,
                    notes: [],
                    findings: many,
                    checkpoint: nil
                )
            )
            let stored = try await store.findings(taskID: task.id, query: FindingQuery(limit: 1000))
            #expect(stored.map(\.finding) == many.reversed())
        }
    }

    @Test(arguments: StoreKind.allCases)
    func trafficMinutesProgressAndModelsCommitWithTheRun(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(), now: 0)
            let minutes = (0..<120).map { FeatureBucket(start: Int64($0) * 60, requests: Int64($0), distinctClients: 2, busiestClient: 1) }
            let anomaly = RuleFinding(
                rule: "anomaly",
                client: nil,
                first: 60,
                last: 119,
                peak: 900,
                windowSeconds: 60,
                message: "m",
                anomaly: AnomalyDetail(
                    feature: "requests",
                    bucketSeconds: 60,
                    observed: 900,
                    expectedLow: 20,
                    expectedHigh: 40,
                    score: 0.9,
                    method: "mad(k=5, window=60)"
                )
            )
            let run = try #require(try await store.startRun(taskID: task.id, trigger: .manual, now: 1))
            try await store.completeRun(
                RunCompletion(
                    runID: run.id,
                    taskID: task.id,
                    finishedAt: 2,
                    linesRead: 1,
                    malformedLines: 0,
                    bytesRead: 1,
                    notes: [],
                    findings: [anomaly],
                    checkpoint: nil,
                    minutes: minutes,
                    scoredThrough: 7_140
                )
            )
            #expect(try await store.findings(taskID: task.id, query: FindingQuery(rule: "anomaly")).map(\.finding) == [anomaly])
            #expect(try await store.trafficMinuteCount(taskID: task.id) == 120)
            #expect(try await store.trafficMinutes(taskID: task.id, since: 6_000) == Array(minutes[100...]))
            #expect(try await store.latestTrafficMinutes(taskID: task.id, count: 5) == Array(minutes[115...]))
            #expect(try await store.scoredThrough(taskID: task.id) == 7_140)
            // A later run replaces a minute it saw again (merged by the caller) and moves the progress on.
            var again = minutes[119]
            again.requests = 500
            let second = try #require(try await store.startRun(taskID: task.id, trigger: .manual, now: 3))
            try await store.completeRun(
                RunCompletion(
                    runID: second.id,
                    taskID: task.id,
                    finishedAt: 4,
                    linesRead: 1,
                    malformedLines: 0,
                    bytesRead: 1,
                    notes: [],
                    findings: [],
                    checkpoint: nil,
                    minutes: [again],
                    scoredThrough: 7_200
                )
            )
            #expect(try await store.latestTrafficMinutes(taskID: task.id, count: 1) == [again])
            #expect(try await store.scoredThrough(taskID: task.id) == 7_200)

            #expect(try await store.model(taskID: task.id) == nil)
            let model = TaskModelling.defaultModel(DetectionSettings(features: [.requests]))
            try await store.saveModel(taskID: task.id, StoredModel(model: model, historyMinutes: 120, fittedAt: 5))
            let replaced = StoredModel(model: TaskModelling.defaultModel(DetectionSettings()), historyMinutes: 240, fittedAt: 6)
            try await store.saveModel(taskID: task.id, replaced)
            #expect(try await store.model(taskID: task.id) == replaced)
            #expect(try await store.deleteTask(id: task.id))
            #expect(try await store.trafficMinuteCount(taskID: task.id) == 0)
            #expect(try await store.model(taskID: task.id) == nil)
            #expect(try await store.scoredThrough(taskID: task.id) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deletingATaskDeletesItsRunsFindingsAndCheckpoint(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(), now: 0)
            let run = try #require(try await store.startRun(taskID: task.id, trigger: .manual, now: 1))
            try await store.completeRun(
                RunCompletion(
                    runID: run.id,
                    taskID: task.id,
                    finishedAt: 2,
                    linesRead: 1,
                    malformedLines: 0,
                    bytesRead: 1,
                    notes: [],
                    findings: [finding("x", first: 1, last: 1)],
                    checkpoint: "{}"
                )
            )
            #expect(try await store.deleteTask(id: task.id))
            #expect(try await store.deleteTask(id: task.id) == false)
            #expect(try await store.task(id: task.id) == nil)
            #expect(try await store.runs(taskID: task.id, limit: 10).isEmpty)
            #expect(try await store.findings(taskID: task.id, query: FindingQuery()).isEmpty)
            #expect(try await store.checkpoint(taskID: task.id) == nil)
        }
    }

    // MARK: incidents and the outbox

    /// New incidents are inserted many to a statement: each finding still points at the
    /// incident of its own key, across statements, and a key whose requests stop for longer than
    /// the quiet time within one run gets two incidents, the first resolved.
    @Test(arguments: StoreKind.allCases)
    func manyIncidentsOpenInOneRunEachWithItsOwnFindings(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(), now: 0)
            var findings = (0..<120).map { i in
                RuleFinding(rule: "black_ip_address", client: "192.0.2.\(i)", first: Int64(i), last: Int64(i + 5), peak: i + 1, message: "m\(i)")
            }
            findings.append(RuleFinding(rule: "black_ip_address", client: "192.0.2.7", first: 5_000, last: 5_010, peak: 999, message: "again"))
            try await commitRun(store, taskID: task.id, at: 6_000, findings: findings, latest: 5_010, policy: IncidentPolicy(quietSeconds: 600))
            let incidents = try await store.incidents(IncidentQuery(taskID: task.id, limit: 1_000))
            #expect(incidents.count == 121)
            for incident in incidents {
                let own = try await store.findings(incidentID: incident.id, limit: 10).map(\.finding)
                #expect(own.count == 1 && incident.key.hasSuffix(own[0].client ?? "?"), "\(incident.key): \(own.map(\.client))")
                #expect(Int64(own[0].peak) == incident.peak && own[0].first == incident.openedAt)
            }
            let twice = incidents.filter { $0.key.hasSuffix("192.0.2.7") }.sorted { $0.openedAt < $1.openedAt }
            #expect(twice.map(\.state) == [.resolved, .open] && twice.map(\.peak) == [8, 999])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func runsOpenExtendAndResolveIncidentsAndWriteTheirNotificationsInTheSameCommit(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let channel = try await store.createChannel(Channel(name: "ops", type: .webhook, url: "http://127.0.0.1:1/hook"), now: 0)
            let task = try await store.createTask(sampleTask(), now: 0)
            let policy = IncidentPolicy(quietSeconds: 600, channelIDs: [channel.id, 999])
            func commit(_ findings: [RuleFinding], latest: Int64, at: Int64) async throws {
                try await commitRun(store, taskID: task.id, at: at, findings: findings, latest: latest, policy: policy)
            }
            let blacklisted = RuleFinding(rule: "black_ip_address", client: "192.0.2.7", first: 100, last: 200, peak: 4, message: "m")
            try await commit([blacklisted], latest: 250, at: 1_000)
            var later = blacklisted
            (later.first, later.last, later.peak) = (300, 400, 7)
            try await commit([later], latest: 400, at: 2_000)
            let open = try await store.incidents(IncidentQuery(taskID: task.id))
            #expect(open.count == 1)
            #expect(open.first?.state == .open && open.first?.findings == 2 && open.first?.peak == 7 && open.first?.lastSeen == 400)
            let incidentID = try #require(open.first?.id)
            #expect(try await store.findings(incidentID: incidentID, limit: 10).count == 2)
            #expect(try await store.openIncidentCounts() == ["black_ip_address": 1])
            #expect(try await store.openIncidentCountsByTask() == [task.id: 1])
            #expect(try await store.blockedClients().isEmpty, "the task does not block")

            try await commit([], latest: 1_061, at: 3_000)  // 661 s of quiet log time: the quiet time and the lateness allowed
            let resolved = try #require(try await store.incident(id: incidentID))
            #expect(resolved.state == .resolved && resolved.resolvedAt == 3_000)
            // One row per change for the channel that exists (999 does not), each its own delivery id.
            let rows = try await store.notifications(NotificationQuery())
            #expect(rows.map(\.event) == ["incident.resolved", "incident.opened"])
            #expect(Set(rows.map(\.deliveryID)).count == 2 && rows.allSatisfy { $0.state == .pending && $0.channelID == channel.id })
            #expect(rows.last?.incident.state == .open && rows.first?.incident.state == .resolved)
            #expect(rows.last?.taskName == "nginx")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func claimedNotificationsGoToOneClaimerAndAttemptsAreRecorded(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let channel = try await store.createChannel(Channel(name: "ops", type: .webhook, url: "http://127.0.0.1:1/hook"), now: 0)
            let task = try await store.createTask(sampleTask(), now: 0)
            let policy = IncidentPolicy(quietSeconds: 600, channelIDs: [channel.id])
            let findings = (0..<30).map { RuleFinding(rule: "black_ip_address", client: "192.0.2.\($0)", first: 1, last: 2, peak: 1, message: "m") }
            try await commitRun(store, taskID: task.id, at: 10, findings: findings, latest: 2, policy: policy)
            // Three claimers at once: every row to exactly one of them.
            async let a = store.claimNotifications(instance: "a", now: 10, until: 100, limit: 12)
            async let b = store.claimNotifications(instance: "b", now: 10, until: 100, limit: 12)
            async let c = store.claimNotifications(instance: "c", now: 10, until: 100, limit: 12)
            let claimed = try await [a, b, c].flatMap { $0.map(\.id) }
            #expect(claimed.count == 30 && Set(claimed).count == 30)
            #expect(try await store.claimNotifications(instance: "d", now: 50, until: 200, limit: 100).isEmpty, "claims hold until they lapse")
            let first = claimed.min()!
            try await store.recordAttempt(
                notificationID: first,
                NotificationAttempt(at: 60, status: 503, error: "busy", milliseconds: 3),
                outcome: .retry(at: 65)
            )
            #expect(try await store.claimNotifications(instance: "d", now: 64, until: 200, limit: 100).isEmpty)
            let again = try await store.claimNotifications(instance: "d", now: 65, until: 200, limit: 100)
            #expect(again.map(\.id) == [first] && again.first?.attempts == 1 && again.first?.lastStatus == 503)
            try await store.recordAttempt(
                notificationID: first,
                NotificationAttempt(at: 66, status: 200, error: nil, milliseconds: 2),
                outcome: .delivered
            )
            let lapsed = try await store.claimNotifications(instance: "e", now: 101, until: 300, limit: 100)
            #expect(lapsed.count == 29, "a lapsed claim is taken again; the delivered one is not")
            #expect(try await store.attempts(notificationID: first).map(\.status) == [503, 200])
            #expect(try await store.notifications(NotificationQuery(state: .delivered)).map(\.id) == [first])
        }
    }
}

extension StoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func trafficAddsUpOverCommitsFoldsPastTheCapAndGoesWithItsTask(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let task = try await store.createTask(sampleTask(), now: 0)
            let other = try await store.createTask(sampleTask(), now: 0)
            let get = TrafficSeriesKey(vhost: "a.example", method: "GET", status: "200")
            let post = TrafficSeriesKey(vhost: "", method: "POST", status: "500")
            var first = TrafficCounts()
            first.series = [get: .init(requests: 3, bytes: 300), post: .init(requests: 1, bytes: 10)]
            first.durationBuckets[0] = 2
            first.durationBuckets[13] = 1
            first.durationSumMicros = 61_000_000
            first.malformed = 4
            var second = TrafficCounts()
            second.series = [get: .init(requests: 2, bytes: 5)]
            second.durationBuckets[3] = 1
            second.malformed = 1
            for (k, traffic) in [first, second].enumerated() { try await commitTraffic(store, taskID: task.id, now: Int64(k), traffic) }
            let totals = try await store.trafficTotals()
            #expect(totals.map(\.taskID) == [task.id, other.id])
            let counts = totals[0].counts
            #expect(counts.series == [get: .init(requests: 5, bytes: 305), post: .init(requests: 1, bytes: 10)])
            #expect(counts.durationBuckets[0] == 2 && counts.durationBuckets[3] == 1 && counts.durationBuckets[13] == 1)
            #expect(counts.durationCount == 4 && counts.durationSumMicros == 61_000_000 && counts.malformed == 5)
            #expect(totals[1].counts == TrafficCounts())
            // A run that would pass the cap: new series folded, known ones kept.
            var wide = TrafficCounts()
            for i in 0..<TrafficCounts.seriesCap { wide.series[TrafficSeriesKey(vhost: "h\(i)", method: "GET", status: "200")] = .init(requests: 1) }
            wide.series[get] = .init(requests: 1)
            try await commitTraffic(store, taskID: task.id, now: 5, wide)
            let capped = try await store.trafficTotals()[0].counts
            #expect(capped.series[get]?.requests == 6)
            #expect(capped.series[.folded]?.requests == 2 && capped.folded == 2)
            #expect(capped.series.count == TrafficCounts.seriesCap + 1)
            #expect(try await store.deleteTask(id: task.id))
            #expect(try await store.trafficTotals().map(\.taskID) == [other.id])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func routesAndBucketBoundsAreKeptAndNewBoundsStartTheHistogramAgain(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var declared = sampleTask()
            declared.trafficMetrics = TrafficMetricsOptions(routes: [URLPattern("/api/**")!], bucketBounds: [0.1, 1])
            let task = try await store.createTask(declared, now: 0)
            #expect(try await store.task(id: task.id)?.trafficMetrics == declared.trafficMetrics)
            let api = TrafficSeriesKey(vhost: "", method: "GET", status: "200", route: "/api/**")
            let other = TrafficSeriesKey(vhost: "", method: "GET", status: "200")
            func commit(_ k: Int64, bounds: [Double], _ series: [TrafficSeriesKey: TrafficCounts.Count], bucket: Int) async throws {
                var traffic = TrafficCounts(bucketBounds: bounds)
                traffic.series = series
                traffic.durationBuckets[bucket] = 1
                traffic.durationSumMicros = 500_000
                try await commitTraffic(store, taskID: task.id, now: k, traffic)
            }
            try await commit(1, bounds: [0.1, 1], [api: .init(requests: 2, bytes: 20), other: .init(requests: 1, bytes: 1)], bucket: 1)
            try await commit(2, bounds: [0.1, 1], [api: .init(requests: 1, bytes: 5)], bucket: 2)
            var counts = try await store.trafficTotals()[0].counts
            #expect(counts.series == [api: .init(requests: 3, bytes: 25), other: .init(requests: 1, bytes: 1)])
            #expect(counts.bucketBounds == [0.1, 1] && counts.durationBuckets == [0, 1, 1] && counts.durationSumMicros == 1_000_000)
            try await commit(3, bounds: [0.25, 2.5, 25], [other: .init(requests: 1, bytes: 1)], bucket: 0)
            counts = try await store.trafficTotals()[0].counts
            #expect(counts.series[other]?.requests == 2)
            #expect(counts.bucketBounds == [0.25, 2.5, 25] && counts.durationBuckets == [1, 0, 0, 0] && counts.durationSumMicros == 500_000)
        }
    }
}

extension StoreContractTests {
    /// A database at schema 7 with traffic counted: migration 8 keeps every series (as route
    /// `other`) and the histogram (as counted with the default bounds).
    @Test(arguments: StoreKind.allCases)
    func migrationEightKeepsTheTrafficCountedBefore(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let sql = try #require(store as? SQLStore)
            try await sql.reset()
            let database = sql.database
            try await database.query(
                "CREATE TABLE weir_schema (version \(database.dialect.bigInteger) NOT NULL, applied_at \(database.dialect.bigInteger) NOT NULL)",
                []
            )
            for migration in Migrations.all.prefix(7) {
                for statement in migration.statements(database.dialect) { try await database.query(statement, []) }
                try await database.query("INSERT INTO weir_schema (version, applied_at) VALUES (?, 0)", [.integer(Int64(migration.version))])
            }
            try await database.query(
                """
                INSERT INTO tasks (name, description, frequency, next_run_time, is_active, target_data, properties, notify, block, created_at, updated_at)
                VALUES ('old', '', 60, 0, ?, '{"type":"file","path":"/var/log/a.log","format":"auto"}', '{}', '{"channels":[]}', ?, 0, 0)
                """,
                [.bool(true), .bool(false)]
            )
            let id = try #require(try await database.query("SELECT id FROM tasks", []).first?.int("id"))
            try await database.query(
                "INSERT INTO traffic_series (task_id, vhost, method, status, requests, bytes) VALUES (?, 'a.example', 'GET', '200', 7, 70)",
                [.integer(id)]
            )
            try await database.query(
                "INSERT INTO traffic_totals (task_id, malformed, folded, duration_sum_micros, duration_buckets) VALUES (?, 1, 0, 9, '1,2,0,0,0,0,0,0,0,0,0,0,0,4')",
                [.integer(id)]
            )
            try await sql.migrate()
            #expect(try await sql.schemaVersion() == SQLStore.latestSchemaVersion)
            let counts = try await sql.trafficTotals()[0].counts
            #expect(
                counts.series == [TrafficSeriesKey(vhost: "a.example", method: "GET", status: "200", route: "other"): .init(requests: 7, bytes: 70)]
            )
            #expect(counts.bucketBounds == TrafficCounts.defaultBucketBounds && counts.durationCount == 7 && counts.malformed == 1)
            #expect(try await sql.task(id: id)?.trafficMetrics == TrafficMetricsOptions())
        }
    }
}
