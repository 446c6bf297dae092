import Foundation
import Logging
import Synchronization
import Testing
import WeirCore
import WeirService

/// `--log-format json`: one JSON object per line, the logger's and the call's metadata as keys.
struct JSONLogHandlerTests {
    @Test func eachLineIsOneJSONObjectWithTheMetadata() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "weir") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "task_id"] = "7"
        logger.info("run committed", metadata: ["lines": "1000", "notes": ["a \"quoted\" note", "b"]])
        logger.debug("not at this level")
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "run committed")
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "weir")
        #expect(object["task_id"] as? String == "7")
        #expect(object["lines"] as? String == "1000")
        #expect(object["notes"] as? [String] == ["a \"quoted\" note", "b"])
        let time = try #require(object["time"] as? String)
        #expect(time.count == 24 && time.hasSuffix("Z"), "\(time)")
    }
}
