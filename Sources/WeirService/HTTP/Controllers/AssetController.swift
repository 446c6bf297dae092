import Hummingbird
import WeirWeb

/// `GET /assets/{name}`: the dashboard's stylesheet and script, cached for a year when asked by
/// their versioned URL, revalidated by `ETag` otherwise.
struct AssetController: APIController {
    let assets: DashboardAssets

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/assets/:name") { request, context in try serve(request, context) }
        return routes
    }

    func serve(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        guard let name = context.parameters.get("name"), let asset = DashboardAssets.Asset(rawValue: name) else {
            throw APIError.notFound("no asset \(context.parameters.get("name") ?? ""); the dashboard serves /assets/weir.css and /assets/weir.js")
        }
        let hash = assets.hash(of: asset)
        let etag = "\"\(hash)\""
        let versioned = request.uri.queryParameters.get("v") == hash
        var headers: HTTPFields = [
            .eTag: etag,
            .cacheControl: versioned ? "public, max-age=31536000, immutable" : "no-cache",
            .contentType: asset.contentType,
        ]
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: headers) }
        headers[.contentLength] = "\(assets.body(of: asset).utf8.count)"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: assets.body(of: asset))))
    }
}
