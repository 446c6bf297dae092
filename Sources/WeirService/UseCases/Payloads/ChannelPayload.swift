import Foundation
import WeirCore
import WeirModel
import WeirNotify
import WeirSources

/// Reads and validates the body of `POST /channels` and `PATCH /channels/{id}`, naming every
/// invalid field at once, and seals the secrets (a webhook's secret and headers, a Slack URL).
enum ChannelPayload {
    static let fieldNames: Set<String> = ["name", "type", "url", "secret", "signed", "headers", "labels"]
    static let urlLength = EndpointURL.maxLength
    static let secretLength = 1...1024
    static let maxEntries = 20
    /// Headers Weir sets itself.
    static let reservedHeaders: Set<String> = ["content-type", "content-length", "host", "x-weir-delivery", "x-weir-signature", "x-weir-event"]

    static func create(_ body: JSONValue, vault: PasswordVault?, receivers: ReceiverPolicy = ReceiverPolicy()) throws(FieldErrors) -> Channel {
        var errors = FieldErrors()
        guard let object = body.objectValue else {
            errors.add("body", "must be a JSON object with the channel's fields, got \(body.typeName)")
            throw errors
        }
        for required in ["name", "type", "url"] where object[required] == nil { errors.add(required, "is required") }
        var channel = Channel(name: "", type: .webhook, url: "")
        apply(object, to: &channel, vault: vault, receivers: receivers, errors: &errors)
        try errors.throwIfAny()
        return channel
    }

    static func patch(
        _ body: JSONValue,
        onto existing: Channel,
        vault: PasswordVault?,
        receivers: ReceiverPolicy = ReceiverPolicy()
    ) throws(FieldErrors) -> Channel {
        var errors = FieldErrors()
        guard let object = body.objectValue else {
            errors.add("body", "must be a JSON object with the fields to change, got \(body.typeName)")
            throw errors
        }
        var channel = existing
        if let type = object["type"]?.stringValue, type != existing.type.rawValue, object["url"] == nil {
            errors.add("url", "is required when the type changes")
        }
        apply(object, to: &channel, vault: vault, receivers: receivers, errors: &errors)
        try errors.throwIfAny()
        return channel
    }

    private static func apply(
        _ object: [String: JSONValue],
        to channel: inout Channel,
        vault: PasswordVault?,
        receivers: ReceiverPolicy,
        errors: inout FieldErrors
    ) {
        PayloadFields.refuseUnknown(object, fields: fieldNames, of: "channel", &errors)
        if let v = object["name"], let name = PayloadFields.name(v, &errors) { channel.name = name }
        let previousType = channel.type
        if let v = object["type"] {
            if let s = v.stringValue, let type = ChannelType(rawValue: s) {
                channel.type = type
            } else {
                let types = ChannelType.allCases.map(\.rawValue).joined(separator: ", ")
                errors.add("type", "must be one of \(types), got \(TaskPayload.describe(v))")
            }
        }
        if previousType != channel.type {  // what belonged to the other type goes
            channel.sealedSecret = nil
            channel.sealedHeaders = nil
            channel.labels = [:]
        }
        func seal(_ field: String, _ value: String) -> String? {
            guard let vault else {
                errors.add(field, "is a secret, stored encrypted with WEIR_SECRET, which the service does not have; set WEIR_SECRET and restart")
                return nil
            }
            do { return try vault.seal(value) } catch {
                errors.add(field, "could not be sealed: \(error)")
                return nil
            }
        }
        if let v = object["url"] {
            if let s = v.stringValue, let problem = urlProblem(s, type: channel.type) ?? receivers.problem(with: s) {
                errors.add("url", problem)
            } else if let s = v.stringValue {
                if channel.type == .slack {
                    if let sealed = seal("url", s) { channel.url = sealed }
                } else {
                    channel.url = s
                }
            } else {
                errors.add("url", "must be an http or https URL, got \(v.typeName)")
            }
        }
        if let v = object["secret"] {
            if v == .null {
                channel.sealedSecret = nil
            } else if channel.type != .webhook {
                errors.add("secret", "is for webhook channels only; \(channel.type.rawValue) channels are not signed")
            } else if let s = v.stringValue, secretLength.contains(s.utf8.count), !s.contains("\u{0}") {
                if let sealed = seal("secret", s) { channel.sealedSecret = sealed }
            } else {
                errors.add("secret", "must be a string of \(secretLength.lowerBound) to \(secretLength.upperBound) bytes, or null to remove it")
            }
        }
        if let v = object["signed"] {
            if let signed = v.boolValue {
                if signed && channel.sealedSecret == nil && errors.messages["secret"] == nil {
                    errors.add("secret", "is required when signed is true: the signature is an HMAC-SHA256 keyed by it")
                }
            } else {
                errors.add("signed", "must be a boolean, got \(v.typeName)")
            }
        }
        if let v = object["headers"] {
            if v == .null || v.objectValue?.isEmpty == true {
                channel.sealedHeaders = nil
            } else if channel.type != .webhook {
                errors.add("headers", "are for webhook channels only")
            } else if let headers = headerMap(v, &errors) {
                if let sealed = seal("headers", (try? JSONCoding.string(headers)) ?? "{}") { channel.sealedHeaders = sealed }
            }
        }
        if let v = object["labels"] {
            if v == .null {
                channel.labels = [:]
            } else if channel.type != .alertmanager {
                errors.add("labels", "are for alertmanager channels only")
            } else if let labels = labelMap(v, &errors) {
                channel.labels = labels
            }
        }
    }

    /// Why `text` cannot be the channel's URL, or `nil`.
    static func urlProblem(_ text: String, type: ChannelType) -> String? {
        EndpointURL.problem(text, kind: Endpoint.Kind(rawValue: type.rawValue) ?? .webhook)
    }

    static func headerMap(_ v: JSONValue, _ errors: inout FieldErrors) -> [String: String]? {
        guard let object = v.objectValue, object.count <= maxEntries else {
            errors.add("headers", "must be an object of at most \(maxEntries) header names to string values")
            return nil
        }
        var headers: [String: String] = [:]
        for (name, value) in object {
            let token =
                !name.isEmpty
                && name.utf8.allSatisfy { b in
                    (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || "!#$%&'*+-.^_`|~".utf8.contains(b)
                }
            guard token, !reservedHeaders.contains(name.lowercased()) else {
                errors.add(
                    "headers",
                    "\"\(name)\" is not a header name Weir can send (a token, not one of Weir's own: \(reservedHeaders.sorted().joined(separator: ", ")))"
                )
                return nil
            }
            guard let s = value.stringValue, s.utf8.count <= 4096, !s.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\u{0}" }) else {
                errors.add("headers", "the value of \"\(name)\" must be a string of one line, at most 4096 bytes")
                return nil
            }
            headers[name] = s
        }
        return headers
    }

    static func labelMap(_ v: JSONValue, _ errors: inout FieldErrors) -> [String: String]? {
        guard let object = v.objectValue, object.count <= maxEntries else {
            errors.add("labels", "must be an object of at most \(maxEntries) label names to string values")
            return nil
        }
        var labels: [String: String] = [:]
        for (name, value) in object {
            let valid =
                name.utf8.first.map { $0 == 0x5F || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) } == true
                && name.utf8.allSatisfy { $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
                && name.utf8.count <= 100 && !name.hasPrefix("__")
            guard valid else {
                errors.add("labels", "\"\(name)\" is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)")
                return nil
            }
            guard let s = value.stringValue, s.utf8.count <= 1024, !s.contains("\u{0}") else {
                errors.add("labels", "the value of \"\(name)\" must be a string of at most 1024 bytes")
                return nil
            }
            labels[name] = s
        }
        return labels
    }
}
