import Hummingbird
import WeirCore
import WeirModel

/// `POST /channels`, `GET /channels`, `GET|PATCH|DELETE /channels/{id}` and
/// `POST /channels/{id}/test`: where incidents are told, through ``ChannelService``.
struct ChannelController: APIController {
    let channels: ChannelService

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("/channels") { request, _ in try await create(request) }
        routes.get("/channels") { _, _ -> Response in try Response.json(try await channels.store.channels().map(ChannelResponse.init)) }
        routes.get("/channels/:id") { _, context -> Response in try Response.json(ChannelResponse(try await channel(context))) }
        routes.patch("/channels/:id") { request, context in try await patch(request, context) }
        routes.delete("/channels/:id") { _, context in try await delete(context) }
        routes.post("/channels/:id/test") { _, context in try Response.json(try await channels.sendTest(to: try await channel(context))) }
        return routes
    }

    /// The channel named by the `id` path parameter; 404 when there is none.
    func channel(_ context: BasicRequestContext) async throws -> Channel {
        try await channels.channel(id: try IDParameter.of(context, "channel", list: "/channels"))
    }

    func create(_ request: Request) async throws -> Response {
        let created = try await channels.create(try await request.jsonBody())
        var response = try Response.json(ChannelResponse(created), status: .created)
        response.headers[.location] = "/channels/\(created.id)"
        return response
    }

    func patch(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let existing = try await channel(context)
        return try .json(ChannelResponse(try await channels.update(existing, with: try await request.jsonBody())))
    }

    func delete(_ context: BasicRequestContext) async throws -> Response {
        try await channels.delete(id: try IDParameter.of(context, "channel", list: "/channels"))
        return Response(status: .noContent)
    }
}
