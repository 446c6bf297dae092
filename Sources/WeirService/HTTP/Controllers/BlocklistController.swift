import Crypto
import Foundation
import Hummingbird
import WeirCore
import WeirLog
import WeirModel

/// `GET /blocklist?format=plain|nginx|json`: the clients with an open per-client incident on an
/// active task with `"block": true`, for ipset, an nginx `include` or a firewall script, with an
/// `ETag` so that a poller downloads only changes (`If-None-Match` answers 304).
struct BlocklistController: APIController {
    let store: any IncidentStore

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/blocklist") { request, _ in try await blocklist(request) }
        return routes
    }

    func blocklist(_ request: Request) async throws -> Response {
        let format = request.uri.queryParameters.get("format").map { String($0) } ?? "plain"
        guard ["plain", "nginx", "json"].contains(format) else {
            var errors = FieldErrors()
            errors.add("format", "must be plain, nginx or json, got \"\(format)\"")
            throw APIError.invalid(errors)
        }
        let clients = try await store.blockedClients()
        let (body, type) = Self.render(clients, format: format)
        let etag = "\"" + HexText.lowercase(SHA256.hash(data: body).prefix(12)) + "\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "no-cache"]
        if request.headers[.ifNoneMatch].map({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(etag) }) == true {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// One address per line, `deny ADDRESS;` lines, or JSON objects; each address once (the
    /// earliest incident's), in address order.
    static func render(_ clients: [BlockedClient], format: String) -> ([UInt8], String) {
        var seen = Set<String>()
        let unique = clients.filter { seen.insert($0.address).inserted }
        switch format {
        case "nginx":
            return (Array(unique.map { "deny \($0.address);\n" }.joined().utf8), "text/plain; charset=utf-8")
        case "json":
            let rows: [JSONValue] = unique.map {
                .object([
                    "address": .string($0.address), "rule": .string($0.rule), "task_id": .number(Double($0.taskID)),
                    "incident_id": .number(Double($0.incidentID)), "since": .string(Timestamps.rfc3339($0.since)),
                ])
            }
            return (Array(((try? JSONCoding.string(JSONValue.array(rows))) ?? "[]").utf8), "application/json; charset=utf-8")
        default:
            return (Array(unique.map { "\($0.address)\n" }.joined().utf8), "text/plain; charset=utf-8")
        }
    }
}
