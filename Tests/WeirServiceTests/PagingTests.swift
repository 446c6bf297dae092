import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WeirModel
import WeirService
import WeirStore

/// Every list pages with `?limit=` and an opaque `?after=` cursor, the next page named in a
/// `Link` header; the body stays a JSON array.
struct PagingTests {
    /// The URI of the `rel="next"` link, if any.
    func next(_ response: TestResponse) -> String? {
        guard let link = response.headers[HTTPField.Name("Link")!] else { return nil }
        guard let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">") else { return nil }
        #expect(link.hasSuffix(#"rel="next""#))
        return String(link[link.index(after: open)..<close])
    }

    @Test func tasksAndRunsPageWithoutGapsOrRepeats() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let app = Application(router: harness.server.makeRouter())
        try await app.test(.router) { client in
            for n in 0..<25 {
                let body = Harness.taskBody(path: "/var/log/\(n).log", name: "t\(n)")
                #expect(try await client.request(.post, "/tasks", body).status == .created)
            }
            _ = try await client.request(.patch, "/tasks/3", #"{"is_active":false}"#)
            var seen: [Int] = []
            var uri: String? = "/tasks?limit=10&active=true"
            var pages = 0
            while let current = uri {
                let page = try await client.request(.get, current)
                #expect(page.status == .ok, "\(page.text)")
                let ids = page.json.arrayValue?.compactMap { $0["id"]?.numberValue.map { Int($0) } } ?? []
                #expect(ids.count <= 10)
                seen += ids
                pages += 1
                uri = next(page)
                if let uri { #expect(uri.contains("active=true") && uri.contains("limit=10")) }
            }
            #expect(pages == 3)
            #expect(seen == (1...25).filter { $0 != 3 })

            let task = try #require(try await harness.store.task(id: 1))
            for n in 0..<5 {
                let run = try #require(try await harness.store.startRun(taskID: task.id, trigger: .manual, now: Harness.start + Int64(n)))
                try await harness.store.abandonRun(id: run.id, status: .failed, error: "e\(n)", at: Harness.start + Int64(n))
            }
            let first = try await client.request(.get, "/tasks/1/runs?limit=2")
            let second = try await client.request(.get, try #require(next(first)))
            let third = try await client.request(.get, try #require(next(second)))
            let runIDs = [first, second, third].flatMap { $0.json.arrayValue?.compactMap { $0["id"]?.numberValue } ?? [] }
            #expect(runIDs == [5, 4, 3, 2, 1])
            #expect(next(third) == nil)

            let stranger = try await client.request(.get, "/tasks/1/runs?after=nope")
            #expect(stranger.status == .unprocessableContent)
            let taskCursor = try #require(next(try await client.request(.get, "/tasks?limit=1")))
            let wrongList = taskCursor.replacingOccurrences(of: "/tasks?", with: "/tasks/1/findings?")
            #expect(try await client.request(.get, wrongList).status == .unprocessableContent)
        }
        try await harness.store.close()
    }
}
