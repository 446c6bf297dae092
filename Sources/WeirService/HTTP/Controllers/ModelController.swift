import Hummingbird
import WeirStore

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
        let response = ModelResponse(task: task, settings: settings, stored: stored, minutes: minutes, retuneMinutes: retuneMinutes)
        return try .json(response)
    }
}
