import Foundation
import Logging
import WeirCore
import WeirDetect
import WeirLog
import WeirModel
import WeirRules
import WeirSources
import WeirTraffic

/// Executes one claimed run: reads the task's source (a file or an OpenSearch index) from its
/// checkpoint, evaluates its rules, and commits the findings, counts and new checkpoint in one transaction. A run stopped by a
/// shutdown or an error commits nothing, so its lines are read again by the next run.
public struct TaskRunner: Sendable {
    let store: any WeirStore
    let clock: any WallClock
    let findingLog: FindingLog
    let metrics: ServiceMetrics
    let logger: Logger
    /// Told after each committed run, to choose the task's model again when due.
    let trainer: ModelTrainer?
    /// What OpenSearch sources need (the password key, the HTTP client, retries).
    let sources: SourceContext
    /// Called every 65,536 lines with the run's progress and stop signal (tests stop runs midway).
    let onProgress: @Sendable (RunProgress) -> Void
    /// Told of each run's end and findings once they are committed.
    let events: CommitEvents
    /// Seconds after which a run is stopped and recorded failed (`WEIR_RUN_TIMEOUT`).
    let timeout: Double
    /// Whether runs count their traffic for `/metrics` (`WEIR_TRAFFIC_METRICS`).
    var countsTraffic = true

    /// Runs `run` to its end; never throws: failures are recorded on the run.
    public func execute(_ run: RunRecord) async {
        let started = ContinuousClock.now
        var logger = logger
        logger[metadataKey: "task_id"] = "\(run.taskID)"
        logger[metadataKey: "run_id"] = "\(run.id)"
        let status: RunStatus
        do {
            try await Deadline.run(seconds: timeout) { [self, logger] in try await perform(run, logger: logger) }
            status = .succeeded
        } catch let exceeded as Deadline.Exceeded {
            status = .failed
            let limit = DecimalText.trimmed(exceeded.seconds, places: 1)
            await abandon(
                run,
                .failed,
                "the run did not finish within WEIR_RUN_TIMEOUT (\(limit) s) and was stopped; nothing of it was committed",
                logger
            )
        } catch let error where Self.isStop(error) {
            status = .interrupted
            await abandon(run, .interrupted, "the service stopped during this run; nothing of it was committed", logger)
        } catch {
            status = .failed
            await abandon(run, .failed, "\(error)", logger)
        }
        await publishEnd(of: run, logger: logger)
        let elapsed = started.duration(to: .now)
        metrics.runEnded(
            trigger: run.trigger.rawValue,
            status: status.rawValue,
            seconds: elapsed.seconds
        )
    }

    private func perform(_ run: RunRecord, logger: Logger) async throws {
        guard let task = try await store.task(id: run.taskID) else { throw StoreError("the task was deleted during its run") }
        let source = try task.target.source(sources)
        let rules = task.rules
        let checkpoint = try await store.checkpoint(taskID: task.id)
        let carried = checkpoint == nil ? nil : try await Self.carriedState(store, task.id, logger)
        let listGap = task.incidentPolicy.quietSeconds
        let detection = task.detection.settings
        let traffic = countsTraffic ? TrafficMeter(options: task.trafficMetrics) : nil
        // Routes read by the features' target ids cost less on the run's thread than the parsing threads' table of paths.
        let routesByTargetID = detection.enabled && !task.trafficMetrics.routes.isEmpty
        let (read, finishedCounter) = try await StopSignal.whileRunning { stop in
            var counter = RunCounter(
                evaluator: RuleEvaluator(rules: rules, carried: carried?.rules, listGap: listGap),
                measuresFeatures: detection.enabled,
                runID: run.id,
                stop: stop,
                progress: onProgress,
                tally: routesByTargetID ? nil : traffic,
                meter: routesByTargetID ? traffic : nil
            )
            if detection.enabled, let minutes = carried?.minutes {
                counter.features.resume(from: minutes, clientID: { [evaluator = counter.evaluator] in evaluator.clientID(named: $0) })
            }
            let read = try await source.read(after: checkpoint, shouldStop: { stop.isSet }, into: &counter)
            return (read, counter)
        }
        var counter = finishedCounter  // finish() consumes the evaluator's and accumulator's state
        try Task.checkCancellation()
        let lines = counter.lines
        let malformed = counter.malformed
        let outcome = counter.evaluator.finish()
        let evaluator = counter.evaluator
        let (measured, openMinutes) = counter.features.finish(clientName: evaluator.givesClientIDs ? { evaluator.clientName(id: $0) } : nil)
        let scan =
            detection.enabled
            ? try await AnomalyScan.run(task: task, settings: detection, measured: measured, latest: openMinutes?.latest ?? .min, store: store)
            : AnomalyScan.Result()
        let state = CarriedRunState(rules: outcome.carried, minutes: detection.enabled ? openMinutes ?? carried?.minutes : nil)
        let findings = outcome.findings + scan.findings
        try await store.completeRun(
            RunCompletion(
                runID: run.id,
                taskID: task.id,
                finishedAt: clock.now(),
                linesRead: lines,
                malformedLines: malformed,
                bytesRead: read.bytesRead,
                notes: read.notes + outcome.notes,
                findings: findings,
                checkpoint: read.checkpoint,
                minutes: scan.minutes,
                scoredThrough: scan.scoredThrough,
                latestRecord: counter.evaluator.latest,
                incidentPolicy: task.incidentPolicy,
                ruleState: state == CarriedRunState() ? nil : try? JSONCoding.string(state),
                continuedBursts: outcome.continued.union(scan.continued),
                traffic: (counter.tally ?? counter.meter)?.finish(malformed: malformed)
            )
        )
        if let counts = try? await store.openIncidentCounts() { metrics.openIncidents(counts) }
        metrics.linesRead(lines, malformed: malformed)
        if read.droppedLines > 0 { metrics.syslogDropped(taskID: task.id, lines: read.droppedLines) }
        metrics.findingsCommitted(findings.map(\.rule))
        if !findings.isEmpty { events.publish(.findingsCommitted(taskID: task.id, runID: run.id, count: findings.count)) }
        logger.info("run committed", metadata: ["lines": "\(lines)", "malformed": "\(malformed)", "findings": "\(findings.count)"])
        if detection.enabled { trainer?.request(taskID: task.id) }
        do {
            try findingLog.append(findings, task: task, runID: run.id)
        } catch {
            logger.error("could not append findings to the task's log files", metadata: ["error": "\(error)"])
        }
    }

    /// The rate windows and open minutes the task's last run left; a state that does not decode
    /// (written by another version) is logged and the windows and minutes start empty.
    static func carriedState(_ store: any WeirStore, _ taskID: Int64, _ logger: Logger) async throws -> CarriedRunState? {
        guard let text = try await store.ruleState(taskID: taskID) else { return nil }
        do {
            return try JSONDecoder().decode(CarriedRunState.self, from: Data(text.utf8))
        } catch {
            logger.warning("the rate windows and open minutes the last run left do not decode; they start empty", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Publishes the run as committed (or abandoned); a run that cannot be read back is logged.
    private func publishEnd(of run: RunRecord, logger: Logger) async {
        do {
            let store = store
            let ended = try await Shielded.run { try await store.run(id: run.id) }
            if let ended { events.publish(.runEnded(ended)) }
        } catch {
            logger.warning("could not read the ended run back for its event", metadata: ["error": "\(error)"])
        }
    }

    private func abandon(_ run: RunRecord, _ status: RunStatus, _ message: String, _ logger: Logger) async {
        logger.warning("run ended without committing", metadata: ["status": "\(status.rawValue)", "error": "\(message)"])
        // Recorded even when a shutdown is cancelling this task, within a few seconds.
        let (store, clock) = (store, clock)
        do {
            try await Deadline.uncancelled(seconds: 5) {
                try await store.abandonRun(id: run.id, status: status, error: message, at: clock.now())
            }
        } catch {
            logger.error("could not record the run's end", metadata: ["error": "\(error)"])
        }
    }

    /// Counts a run's lines and hands the well-formed ones to the rules.
    struct RunCounter: RecordConsumer {
        var evaluator: RuleEvaluator
        var features = FeatureAccumulator()
        let measuresFeatures: Bool
        let runID: Int64
        let stop: StopSignal
        let progress: @Sendable (RunProgress) -> Void
        /// The run's traffic for `/metrics`, counted by the source (on its parsing threads where
        /// it has them); `nil` when `WEIR_TRAFFIC_METRICS` is off or ``meter`` counts it.
        var tally: TrafficMeter?
        /// The run's traffic counted here instead, reading each line's route by the id the
        /// features give its target: for a task that declares routes and measures features, for
        /// which that costs less than the parsing threads' own table of paths (`weir bench FILE
        /// --traffic-overhead` measures both).
        var meter: TrafficMeter?
        var lines: Int64 = 0
        var malformed: Int64 = 0

        mutating func consume(_ line: LogReader.Line, _ parsed: inout ParsedLine) {
            lines += 1
            if line.failure != nil {
                malformed += 1
            } else {
                let clientID = evaluator.add(parsed, line: line.bytes)
                let targetID = measuresFeatures ? features.add(parsed, line: line.bytes, clientID: clientID) : nil
                meter?.add(parsed, line: line.bytes, targetID: targetID)
            }
            if lines & 0xFFFF == 0 { progress(RunProgress(runID: runID, lines: lines, stop: stop)) }
        }
    }

    static func isStop(_ error: any Error) -> Bool {
        error is CancellationError || (error as? InputError)?.kind == .stopped
    }
}
