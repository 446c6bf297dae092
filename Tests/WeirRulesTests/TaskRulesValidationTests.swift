import Testing
import WeirCore

@testable import WeirRules

struct TaskRulesValidationTests {
    func errors(_ properties: JSONValue) -> [String: String] {
        do {
            _ = try TaskRules(properties: properties)
            return [:]
        } catch {
            return error.messages
        }
    }

    @Test func validRulesCompile() throws {
        let rules = try TaskRules(
            properties: .object([
                "black_ip_address": .array([.string("192.0.2.0/24"), .string("2001:db8::/32")]),
                "average_requests_per_time_interval": .object(["60": .number(600), "3600": .number(20000)]),
                "average_requests_per_client_per_time_interval": .object(["10": .number(50)]),
                "is_http_requests_accepted": .bool(false),
                "accepted_urls": .array([.string("/**")]),
            ])
        )
        #expect(rules.blacklist.count == 2)
        #expect(rules.requestLimits == [WindowLimit(seconds: 60, max: 600), WindowLimit(seconds: 3600, max: 20000)])
        #expect(rules.clientRequestLimits == [WindowLimit(seconds: 10, max: 50)])
        #expect(rules.httpAccepted == false)
        #expect(rules.acceptedURLs?.count == 1)
    }

    @Test func everyProblemIsNamedByField() {
        let found = errors(
            .object([
                "black_ip_addres": .array([]),
                "black_ip_address": .array([.string("10.0.0.1"), .string("10.0.0.300"), .number(3)]),
                "average_requests_per_time_interval": .object(["0": .number(5), "x": .number(1), "60": .number(-1)]),
                "average_requests_per_client_per_time_interval": .object(["10": .number(100), "60": .number(50)]),
                "is_http_requests_accepted": .string("no"),
                "accepted_urls": .array([.string("nope")]),
            ])
        )
        #expect(found["properties.black_ip_addres"]?.contains("unknown rule") == true)
        #expect(found["properties.black_ip_address[1]"]?.contains("10.0.0.300") == true)
        #expect(found["properties.black_ip_address[2]"]?.contains("must be a string") == true)
        #expect(found["properties.black_ip_address[0]"] == nil)
        #expect(found["properties.average_requests_per_time_interval.0"]?.contains("at least 1 second") == true)
        #expect(found["properties.average_requests_per_time_interval.x"]?.contains("whole number of seconds") == true)
        #expect(found["properties.average_requests_per_time_interval.60"]?.contains("positive") == true)
        #expect(found["properties.average_requests_per_client_per_time_interval.60"]?.contains("longer window") == true)
        #expect(found["properties.is_http_requests_accepted"]?.contains("boolean") == true)
        #expect(found["properties.accepted_urls[0]"]?.contains("must start with /") == true)
        #expect(found.count == 9)
    }

    @Test func propertiesMustBeAnObject() {
        #expect(errors(.array([]))["properties"]?.contains("object") == true)
    }
}
