import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOSSL
import WeirCore
import WeirLog
import WeirModel
import WeirRules

/// Reads an OpenSearch index of parsed access logs: every document after the last one seen, in
/// (timestamp, tiebreaker) order, page by page with `search_after`, until a page comes back short.
/// Each document's `_source` (nested objects flattened to dotted names) is parsed as a JSON access
/// -log line with the target's field names, so the rules see exactly what a file source gives.
/// Failed requests are retried with backoff when they may succeed later (no connection, 429,
/// 502–504); the error of the last attempt, in words, ends the run.
package struct OpenSearchSource: LogSource {
    package let target: OpenSearchTarget
    package let password: String?
    package let client: HTTPClient
    package let retry: RetryPolicy

    /// Where a task's reading stopped: the sort values of the last document read.
    package struct Checkpoint: Codable, Equatable {
        package var search_after: [JSONValue]
        package var documents: Int64
    }

    package func read<C: RecordConsumer>(
        after checkpoint: String?,
        shouldStop: @escaping @Sendable () -> Bool,
        into consumer: inout C
    ) async throws -> SourceRead {
        var position = try checkpoint.map { try JSONDecoder().decode(Checkpoint.self, from: Data($0.utf8)) }
        let since = position?.search_after.first
        let parser = LineParser(format: target.logFormat)
        let encoder = JSONCoding.encoder
        let tls = try tlsConfiguration()
        var bytesRead: Int64 = 0
        var number = 0
        while true {
            if shouldStop() { throw CancellationError() }
            let page = try await search(requestBody(searchAfter: position?.search_after, since: since), tls: tls)
            bytesRead += Int64(page.bytes)
            for hit in page.hits {
                number += 1
                let line = try hit.line(encoder)
                line.withUnsafeBytes { raw in
                    var parsed = ParsedLine()
                    let failure = parser.parse(raw, into: &parsed)
                    consumer.take(LogReader.Line(number: number, bytes: raw, failure: failure), &parsed)
                }
                guard let sort = hit.sort, !sort.isEmpty else {
                    throw OpenSearchError(
                        "OpenSearch at \(target.baseURL) returned a document without sort values; is \(target.field("@timestamp")) a date field of index \(target.index)?"
                    )
                }
                position = Checkpoint(search_after: sort, documents: (position?.documents ?? 0) + 1)
            }
            if page.hits.count < target.pageSize { break }
        }
        let encoded = try position.map(JSONCoding.string) ?? checkpoint ?? "null"
        return SourceRead(checkpoint: encoded, bytesRead: bytesRead, notes: [])
    }

    /// The `_search` body: sorted by time then the tiebreaker, after `searchAfter` when set, and
    /// (from the second run on) only documents at or after the checkpoint's time.
    package func requestBody(searchAfter: [JSONValue]?, since: JSONValue?) -> JSONValue {
        let time = target.field("@timestamp")
        var query: JSONValue = .object(["match_all": .object([:])])
        if let since {
            var bound: [String: JSONValue] = ["gte": since]
            if case .number = since { bound["format"] = .string("epoch_millis") }
            query = .object(["range": .object([time: .object(bound)])])
        }
        var body: [String: JSONValue] = [
            "size": .number(Double(target.pageSize)),
            "query": query,
            "sort": .array([
                .object([time: .object(["order": .string("asc")])]),
                .object([target.field("tiebreaker"): .object(["order": .string("asc")])]),
            ]),
            "track_total_hits": .bool(false),
        ]
        if let searchAfter { body["search_after"] = .array(searchAfter) }
        return .object(body)
    }

    // MARK: HTTP

    /// The TLS settings when the target trusts its own certificate authorities; `nil` for the
    /// client's (the system's trust roots).
    package func tlsConfiguration() throws -> TLSConfiguration? {
        guard target.usesTLS, let caFile = target.caFile else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        do {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        } catch {
            throw OpenSearchError("cannot read tls_ca_file \(caFile): \(error); give a readable PEM file of certificate authorities")
        }
        return configuration
    }

    package struct Page {
        package var hits: [Hit]
        package var bytes: Int
    }

    package struct Hit: Decodable {
        package var _source: JSONValue?
        package var sort: [JSONValue]?

        /// The document as one JSON line, nested objects flattened to dotted names.
        package func line(_ encoder: JSONEncoder) throws -> [UInt8] {
            var flat: [String: JSONValue] = [:]
            Self.flatten(_source ?? .object([:]), prefix: "", into: &flat)
            return Array(try encoder.encode(JSONValue.object(flat)))
        }

        package static func flatten(_ value: JSONValue, prefix: String, into flat: inout [String: JSONValue]) {
            guard case .object(let object) = value else {
                flat[prefix] = value
                return
            }
            for (key, child) in object { flatten(child, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &flat) }
        }
    }

    package struct SearchResponse: Decodable {
        package struct Hits: Decodable { var hits: [Hit] }
        package var hits: Hits
    }

    /// One `_search` request, retried with backoff while the failure may pass.
    package func search(_ body: JSONValue, tls: TLSConfiguration?) async throws -> Page {
        let payload = try JSONCoding.encoder.encode(body)
        var attempt = 1
        while true {
            let failure: OpenSearchError
            switch try await attemptSearch(payload, tls: tls, attempt: attempt) {
            case .success(let page): return page
            case .failure(let passing): failure = passing
            }
            guard attempt < retry.attempts else { throw failure }
            try await Task.sleep(for: .saturatingSeconds(retry.delay(after: attempt)))
            attempt += 1
        }
    }

    /// One try: the page, or a failure that may pass (returned, to retry); other failures throw.
    private func attemptSearch(_ payload: Data, tls: TLSConfiguration?, attempt: Int) async throws -> Result<Page, OpenSearchError> {
        let indexPath = target.index.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? target.index
        var request = HTTPClientRequest(url: "\(target.baseURL)/\(indexPath)/_search")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let user = target.user {
            let credentials = Data("\(user):\(password ?? "")".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        }
        request.body = .bytes(ByteBuffer(bytes: payload))
        request.tlsConfiguration = tls
        let response: HTTPClientResponse
        let data: ByteBuffer
        let started = ContinuousClock.now
        do {
            response = try await client.execute(request, timeout: .seconds(30))
            data = try await response.body.collect(upTo: 512 << 20)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as NIOSSLError {
            return .failure(tlsFailure(error, attempt: attempt))
        } catch let error as NIOSSLExtraError {
            return .failure(tlsFailure(error, attempt: attempt))
        } catch {
            // The cause (refused, timed out, no route) is not named, and the attempt lasts as long
            // as a timeout would: a task's errors must not tell a closed port from a filtered one
            // to whoever can create tasks.
            try await Task.sleep(until: started + .saturatingSeconds(retry.unreachableSeconds))
            return .failure(
                OpenSearchError(
                    "cannot reach OpenSearch at \(target.baseURL) (attempt \(attempt) of \(retry.attempts)); check host, port and is_using_ssl"
                )
            )
        }
        let status = Int(response.status.code)
        guard status == 200 else {
            let failure = describe(status: status, body: Data(buffer: data))
            if [429, 502, 503, 504].contains(status) { return .failure(failure) }
            throw failure
        }
        do {
            let decoded = try JSONDecoder().decode(SearchResponse.self, from: Data(buffer: data))
            return .success(Page(hits: decoded.hits.hits, bytes: data.readableBytes))
        } catch {
            throw OpenSearchError(
                "OpenSearch at \(target.baseURL) answered the search with a body that is not a search response (\(error)); is this an OpenSearch or Elasticsearch server?"
            )
        }
    }

    /// An error answer in words, with what to check.
    package func describe(status: Int, body: Data) -> OpenSearchError {
        let error = (try? JSONDecoder().decode(JSONValue.self, from: body))?["error"]
        let cause = error?["root_cause"]?.arrayValue?.first ?? error
        let type = cause?["type"]?.stringValue ?? ""
        let reason = cause?["reason"]?.stringValue ?? String(decoding: body.prefix(200), as: UTF8.self)
        let at = "OpenSearch at \(target.baseURL)"
        switch status {
        case 401:
            return OpenSearchError(
                "\(at) refused the credentials of user \"\(target.user ?? "")\" (HTTP 401); check auth_user_name and auth_password"
            )
        case 403:
            return OpenSearchError(
                "\(at) does not let user \"\(target.user ?? "")\" search \(target.index) (HTTP 403: \(reason)); grant it read access to the index"
            )
        case 404 where type == "index_not_found_exception":
            return OpenSearchError("\(at) has no index \"\(target.index)\" (\(reason)); check indice")
        default:
            return OpenSearchError("\(at) answered HTTP \(status) to the search of \(target.index): \(type.isEmpty ? "" : "\(type): ")\(reason)")
        }
    }

    /// A failed TLS handshake: something answered, so say what went wrong with TLS.
    private func tlsFailure(_ error: any Error, attempt: Int) -> OpenSearchError {
        OpenSearchError(
            "cannot reach OpenSearch at \(target.baseURL) (attempt \(attempt) of \(retry.attempts)): the TLS handshake failed (\(error)); "
                + "check is_using_ssl and tls_ca_file"
        )
    }
}
