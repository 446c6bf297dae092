import Hummingbird
import WeirDetect
import WeirModel

/// `GET /tasks/{id}/model`: what the expert system chose for a task, and why; the default model
/// until it has chosen.
struct ModelController: APIController {
    let store: any TaskStore & DetectionStore
    let retuneMinutes: Int

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/tasks/:id/model") { _, context in try await model(context) }
        return routes
    }

    func model(_ context: BasicRequestContext) async throws -> Response {
        let task = try await TaskLookup(store: store).task(context)
        let settings = task.detection.settings
        let stored = try await store.model(taskID: task.id)
        let minutes = try await store.trafficMinuteCount(taskID: task.id)
        let latest = try await latestScores(task.id, settings.enabled ? StoredModel.inUse(stored, for: settings) : nil)
        let response = ModelResponse(task: task, settings: settings, stored: stored, minutes: minutes, retuneMinutes: retuneMinutes, latest: latest)
        return try .json(response)
    }

    /// How `model` scored the task's latest stored bucket, from the minutes that warm its
    /// detectors as the runs warmed them.
    func latestScores(_ taskID: Int64, _ model: TaskModel?) async throws -> [LatestScore] {
        guard let model, let latest = try await store.latestTrafficMinutes(taskID: taskID, count: 1).first?.start else { return [] }
        let since = TaskModelling.warmStart(from: latest, bucketSeconds: model.bucketSeconds)
        return TaskModelling.latestScores(model, minutes: try await store.trafficMinutes(taskID: taskID, since: since))
    }
}
