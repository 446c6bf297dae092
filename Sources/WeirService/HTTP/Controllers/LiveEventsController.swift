import Hummingbird
import ServiceLifecycle
import Synchronization

/// `GET /ui/events`: the post-commit event stream as server-sent events, for the dashboard's live
/// pages. Each event is `event: change` with `{"task":ID,"kind":"run|findings|incidents"}`; a
/// comment every ``heartbeatSeconds`` finds closed connections; the stream ends at shutdown.
/// At most ``maxStreams`` at once (503 beyond, with `Retry-After`).
struct LiveEventsController: APIController {
    static let path = "/ui/events"
    static let heartbeatSeconds = 15
    static let maxStreams = 64

    let events: CommitEvents
    let open = Streams()

    /// How many streams are open.
    final class Streams: Sendable {
        let count = Atomic<Int>(0)
    }

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get(RouterPath(Self.path)) { _, _ in try stream() }
        return routes
    }

    func stream() throws -> Response {
        guard open.count.wrappingAdd(1, ordering: .relaxed).newValue <= Self.maxStreams else {
            open.count.wrappingSubtract(1, ordering: .relaxed)
            var error = APIError(
                .serviceUnavailable,
                code: "too_many_streams",
                message: "\(Self.maxStreams) live streams are open; try again shortly"
            )
            error.headers[.retryAfter] = "5"
            throw error
        }
        let open = open
        let events = events
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                defer { open.count.wrappingSubtract(1, ordering: .relaxed) }
                try await Self.relay(events) { chunk in try await writer.write(ByteBuffer(string: chunk)) }
                try await writer.finish(nil)
            }
        )
    }

    /// Writes the stream: the reconnection delay, then events and heartbeats as they come, until
    /// graceful shutdown, cancellation or a failed write. The relay of events and the heartbeat
    /// are one task group, ended with the stream.
    static func relay(
        _ events: CommitEvents,
        heartbeat: Duration = .seconds(heartbeatSeconds),
        to write: (String) async throws -> Void
    )
        async throws
    {
        let (chunks, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(256))
        let subscription = events.subscribe()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in subscription {
                    continuation.yield("event: change\ndata: {\"task\":\(event.taskID),\"kind\":\"\(event.kind)\"}\n\n")
                }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: heartbeat)
                    continuation.yield(": heartbeat\n\n")
                }
            }
            defer { group.cancelAll() }
            try await write("retry: 2000\n\n")
            for await chunk in chunks.cancelOnGracefulShutdown() { try await write(chunk) }
        }
    }
}
