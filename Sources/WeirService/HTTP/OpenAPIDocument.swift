import Foundation
import WeirCore
import WeirDetect
import WeirModel
import WeirRules
import WeirSources
import WeirTraffic

/// The OpenAPI 3 description of every route, served at `GET /openapi.json`. Written by hand, with
/// the ranges that code declares (detection parameters, rule windows and limits, list sizes,
/// cursors) filled in from where they are checked; a test holds it against the routes the router
/// actually has, and schemathesis against what the service answers.
enum OpenAPIDocument {
    /// A JSON Schema pattern for text without NUL characters (the JSON reader refuses them).
    static let text = #""pattern": "^[^\\u0000]*$""#

    /// `detection.method`: `auto` or a method's name, or an object per method with its parameters
    /// and their ranges.
    static var methodSchemas: String {
        let names = JSONValue.array([.string("auto")] + MethodName.allCases.map { .string($0.rawValue) })
        let byName = JSONValue.object([
            "type": .string("string"), "enum": names, "description": .string("auto or a method name (weir detect --list)"),
        ])
        let objects: [JSONValue] = MethodCatalogue.all.map { method in
            var params: [String: JSONValue] = [:]
            for spec in method.parameters {
                params[spec.name] = .object([
                    "type": .string(spec.isInteger ? "integer" : "number"),
                    "minimum": .number(spec.range.lowerBound),
                    "maximum": .number(spec.range.upperBound),
                    "description": .string(spec.summary),
                ])
            }
            return .object([
                "type": .string("object"),
                "required": .array([.string("name")]),
                "additionalProperties": .bool(false),
                "properties": .object([
                    "name": .object(["type": .string("string"), "enum": .array([.string(method.name.rawValue)])]),
                    "params": .object([
                        "type": .string("object"), "additionalProperties": .bool(false), "properties": .object(params),
                    ]),
                ]),
            ])
        }
        return encoded(.array([byName] + objects))
    }

    /// The OpenSearch document fields a target may rename, each to a field name.
    static var openSearchFields: String {
        let names = OpenSearchTarget.defaultFields.map(\.name) + ["tiebreaker"]
        let field = JSONValue.object(["type": .string("string"), "pattern": .string("^[^,=\u{0}]+$")])
        return encoded(.object(Dictionary(uniqueKeysWithValues: names.map { ($0, field) })))
    }

    static var ruleNames: String { encoded(.array(FindingRuleNames.all.map { .string($0) })) }
    static var featureNames: String { encoded(.array(TrafficFeature.allCases.map { .string($0.rawValue) })) }
    static var bucketChoices: String { encoded(.array(DetectionSettings.bucketChoices.map { .number(Double($0)) })) }

    static func encoded(_ value: JSONValue) -> String { (try? JSONCoding.string(value)) ?? "null" }

    static let json = #"""
        {
          "openapi": "3.0.3",
          "info": {"title": "Weir monitoring service", "version": "1",
                   "description": "Tasks that watch access logs against rules, run on a schedule. Every route but /health and /metrics needs Authorization: Bearer <WEIR_API_TOKEN> when a token is set. Rules a JSON Schema cannot state are checked by the service and answered 422 with a message per field: next_run_time in the future, a file source inside WEIR_SOURCE_DIRS, an OpenSearch host in WEIR_OPENSEARCH_HOSTS, addresses and CIDR ranges, URL patterns, log formats, rate limits that do not shrink as windows grow. Request headers larger than 8 KiB in all are a 431."},
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "parameters": {
              "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}},
              "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": \#(ListLimit.maximum), "default": \#(ListLimit.defaultLimit)}},
              "afterTask": {"name": "after", "in": "query", "description": "opaque cursor: the one in the previous page's Link header", "schema": {"type": "string", "pattern": "\#(PageCursor.List.tasks.pattern)"}},
              "afterRun": {"name": "after", "in": "query", "description": "opaque cursor: the one in the previous page's Link header", "schema": {"type": "string", "pattern": "\#(PageCursor.List.runs.pattern)"}},
              "afterFinding": {"name": "after", "in": "query", "description": "opaque cursor: the one in the previous page's Link header", "schema": {"type": "string", "pattern": "\#(PageCursor.List.findings.pattern)"}},
              "afterIncident": {"name": "after", "in": "query", "description": "opaque cursor: the one in the previous page's Link header", "schema": {"type": "string", "pattern": "\#(PageCursor.List.incidents.pattern)"}},
              "afterNotification": {"name": "after", "in": "query", "description": "opaque cursor: the one in the previous page's Link header", "schema": {"type": "string", "pattern": "\#(PageCursor.List.notifications.pattern)"}},
              "incidentState": {"name": "state", "in": "query", "schema": {"type": "string", "enum": ["open", "resolved"]}},
              "rule": {"name": "rule", "in": "query", "schema": {"type": "string", "enum": \#(ruleNames)}},
              "since": {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}, "description": "strict RFC 3339 with an offset"}
            },
            "headers": {
              "Link": {"description": "<URI>; rel=\"next\" when there is a next page", "schema": {"type": "string"}},
              "Location": {"description": "the created task's URI", "schema": {"type": "string"}}
            },
            "responses": {
              "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
              "Error": {"type": "object", "required": ["error"], "additionalProperties": false, "properties": {"error": {"type": "object", "required": ["code", "message", "fields"], "additionalProperties": false,
                "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                               "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}}},
              "Health": {"type": "object", "required": ["status", "database", "version"], "properties": {"status": {"type": "string", "enum": ["ok", "unavailable"]}, "database": {"type": "string"}, "version": {"type": "string"}}},
              "Rule": {"type": "object", "required": ["name", "description", "value_type", "example"], "properties": {"name": {"type": "string"}, "description": {"type": "string"},
                       "value_type": {"type": "string"}, "example": {}}},
              "TargetData": {"oneOf": [{"$ref": "#/components/schemas/FileTarget"}, {"$ref": "#/components/schemas/OpenSearchTarget"}, {"$ref": "#/components/schemas/SyslogTarget"}]},
              "SyslogTarget": {"type": "object", "required": ["type", "listen"], "additionalProperties": false, "properties": {
                "type": {"type": "string", "enum": ["syslog"]},
                "listen": {"type": "string", "pattern": "^(udp|tcp)://([0-9.]+|localhost|\\[[0-9a-fA-F:.]+\\]):[0-9]{1,5}$", "description": "where Weir receives syslog (RFC 3164 or 5424; over TCP, octet-counted or newline framing), such as udp://127.0.0.1:5514"},
                "format": {"type": "string", \#(text), "default": "auto", "description": "the format of the access-log lines inside the messages, as for a file"},
                "hostname_as_vhost": {"type": "boolean", "default": false, "description": "the sending host's name is the virtual host of lines that have none"}},
                "example": {"type": "syslog", "listen": "udp://127.0.0.1:5514", "format": "combined"}},
              "FileTarget": {"type": "object", "required": ["type", "path"], "additionalProperties": false, "properties": {
                "type": {"type": "string", "enum": ["file"]}, "path": {"type": "string", "pattern": "^/[^\\u0000]*$", "description": "absolute path of the access log, inside one of WEIR_SOURCE_DIRS; *, ? or [...] in the file name (only there) reads every matching file as one log, merged in time order"},
                "format": {"type": "string", \#(text), "default": "auto", "description": "auto, a format name (combined, common, vhost_combined, json…), an Apache LogFormat or an nginx log_format"}},
                "example": {"type": "file", "path": "/var/log/nginx/access.log", "format": "combined"}},
              "OpenSearchTarget": {"type": "object", "required": ["type", "host", "indice"], "additionalProperties": false, "properties": {
                "type": {"type": "string", "enum": ["opensearch"]}, "host": {"type": "string", "pattern": "^[^/ \\u0000]+$", "description": "host name or address, without a scheme or path"},
                "port": {"type": "integer", "minimum": 1, "maximum": 65535, "default": 9200},
                "is_using_ssl": {"type": "boolean", "default": true}, "auth_user_name": {"type": "string", "nullable": true, "pattern": "^[^:\\u0000]+$"},
                "auth_password": {"type": "string", "nullable": true, "minLength": 1, \#(text), "writeOnly": true, "description": "stored encrypted with a key from WEIR_SECRET; left out in a PATCH, the stored one is kept; null removes it"},
                "auth_password_set": {"type": "boolean", "readOnly": true},
                "indice": {"type": "string", "pattern": "^[^ /\\\\?#\"<>|\\u0000]+$", "description": "index name or pattern, e.g. nginx-*"},
                "fields": {"type": "object", "description": "document field names by the default name they replace (dots for nested fields)", "additionalProperties": false,
                  "properties": \#(openSearchFields)},
                "page_size": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1000},
                "tls_ca_file": {"type": "string", "nullable": true, "pattern": "^/[^\\u0000]*$", "description": "absolute path of a PEM file of the certificate authorities to trust instead of the system's"}}},
              "RateLimits": {"type": "object", "minProperties": 1, "description": "window seconds (a whole number from \#(TaskRules.windowSeconds.lowerBound) to \#(TaskRules.windowSeconds.upperBound), as the key) to the most requests allowed; a longer window may not allow fewer",
                "additionalProperties": {"type": "integer", "minimum": \#(TaskRules.requestLimit.lowerBound), "maximum": \#(TaskRules.requestLimit.upperBound)}, "example": {"60": 600, "3600": 20000}},
              "Properties": {"type": "object", "description": "rules; GET /task-properties lists them", "additionalProperties": false, "properties": {
                "black_ip_address": {"type": "array", "items": {"type": "string", \#(text), "description": "an IPv4 or IPv6 address or CIDR range"}, "example": ["192.0.2.0/24"]},
                "average_requests_per_time_interval": {"$ref": "#/components/schemas/RateLimits"},
                "average_requests_per_client_per_time_interval": {"$ref": "#/components/schemas/RateLimits"},
                "is_http_requests_accepted": {"type": "boolean"},
                "accepted_urls": {"type": "array", "items": {"type": "string", \#(text), "description": "a path; * within a segment, ** across segments"}}}},
              "TaskFields": {"type": "object", "additionalProperties": false, "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": \#(PayloadFields.nameLength.upperBound), "pattern": "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"},
                "description": {"type": "string", "nullable": true, "maxLength": \#(TaskPayload.descriptionLength), \#(text)},
                "task_frequency": {"type": "integer", "minimum": \#(TaskPayload.frequencySeconds.lowerBound), "maximum": \#(TaskPayload.frequencySeconds.upperBound), "description": "seconds between runs"},
                "next_run_time": {"type": "string", "format": "date-time", "description": "strict RFC 3339 with an offset, not in the past"},
                "is_active": {"type": "boolean", "default": true},
                "target_data": {"$ref": "#/components/schemas/TargetData"},
                "properties": {"$ref": "#/components/schemas/Properties"},
                "detection": {"$ref": "#/components/schemas/Detection"},
                "notify": {"type": "object", "nullable": true, "additionalProperties": false, "required": ["channels"], "description": "the channels told when an incident of this task opens or resolves; null for none",
                  "properties": {"channels": {"type": "array", "maxItems": 20, "items": {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}, "description": "ids of existing channels"},
                                 "rules": {"type": "array", "nullable": true, "minItems": 1, "items": {"type": "string", "enum": \#(ruleNames)}, "description": "left out or null: every rule"}}},
                "block": {"type": "boolean", "default": false, "description": "clients with an open per-client incident go into GET /blocklist"},
                "incident_quiet_seconds": {"type": "integer", "nullable": true, "minimum": \#(TaskPayload.quietSeconds.lowerBound), "maximum": \#(TaskPayload.quietSeconds.upperBound),
                  "description": "log-time seconds without evidence after which an incident resolves; null: the larger of 600 and twice task_frequency"},
                "routes": {"type": "array", "nullable": true, "maxItems": \#(TrafficMetricsOptions.maxRoutes), "uniqueItems": true,
                  "items": {"type": "string", "pattern": "^/[^\\u0000]*$", "maxLength": 512, "description": "a path pattern as in accepted_urls"},
                  "description": "the route label of weir_traffic_requests_total: the first pattern a request's path matches, else other; null or []: every request is other",
                  "example": ["/api/users/*", "/static/**"]},
                "duration_buckets": {"type": "array", "nullable": true, "minItems": 1, "maxItems": \#(TrafficMetricsOptions.maxBuckets),
                  "items": {"type": "number", "minimum": 0.000001, "maximum": 86400}, "description": "upper bounds in seconds, increasing, of weir_traffic_request_duration_seconds; null: \#(TrafficCounts.defaultBucketBounds.map { DecimalText.trimmed($0, places: 3) }.joined(separator: ", ")). A change starts the histogram again",
                  "example": [0.05, 0.1, 0.5, 1, 5]}}},
              "TaskCreate": {"allOf": [{"$ref": "#/components/schemas/TaskFields"}, {"type": "object", "required": ["name", "task_frequency", "next_run_time", "target_data", "properties"]}],
                "example": {"name": "nginx", "description": "the public site", "task_frequency": 60, "next_run_time": "2099-01-01T00:00:00Z",
                  "target_data": {"type": "file", "path": "/var/log/nginx/access.log", "format": "combined"},
                  "properties": {"black_ip_address": ["192.0.2.0/24"], "average_requests_per_time_interval": {"60": 600, "3600": 20000}}, "detection": {"method": "auto"}}},
              "Detection": {"type": "object", "nullable": true, "additionalProperties": false, "description": "the user's answers to the expert system; absent or null: Weir chooses everything",
                "properties": {"enabled": {"type": "boolean", "default": true},
                  "method": {"nullable": true, "oneOf": \#(methodSchemas)},
                  "features": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": \#(featureNames)}},
                  "bucket_seconds": {"type": "integer", "enum": \#(bucketChoices)}}},
              "Model": {"type": "object", "required": ["task_id", "status", "enabled", "history_minutes", "features"], "properties": {"task_id": {"type": "integer"}, "status": {"type": "string", "enum": ["chosen", "default", "disabled"]},
                "enabled": {"type": "boolean"}, "history_minutes": {"type": "integer"}, "chosen_at": {"type": "string", "format": "date-time", "nullable": true},
                "chosen_from_minutes": {"type": "integer", "nullable": true}, "next_choice_after_minutes": {"type": "integer"}, "bucket_seconds": {"type": "integer"},
                "answers": {"type": "object", "additionalProperties": {"type": "string"}}, "not_watched": {"type": "object", "additionalProperties": {"type": "string"}},
                "features": {"type": "array", "items": {"type": "object", "properties": {"feature": {"type": "string"}, "period": {"type": "integer"},
                  "method": {"type": "object"}, "reason": {"type": "string"}, "profile": {"type": "object", "nullable": true}, "candidates": {"type": "array", "items": {"type": "object"}},
                  "latest": {"type": "object", "nullable": true, "description": "How the latest stored bucket was scored, and the anomaly likelihood behind the score",
                    "required": ["bucket_start", "observed", "score", "anomalous", "threshold", "likelihood", "explanation"],
                    "properties": {"bucket_start": {"type": "string", "format": "date-time"}, "observed": {"type": "number"},
                      "expected_low": {"type": "number", "nullable": true}, "expected_high": {"type": "number", "nullable": true},
                      "score": {"type": "number", "minimum": 0, "maximum": 1}, "anomalous": {"type": "boolean"}, "threshold": {"type": "number"},
                      "likelihood": {"type": "object", "required": ["warm", "points_seen", "warmup_points", "averaging_points", "history_points", "recent_mean"],
                        "properties": {"warm": {"type": "boolean"}, "points_seen": {"type": "integer"}, "warmup_points": {"type": "integer"},
                          "averaging_points": {"type": "integer"}, "history_points": {"type": "integer"}, "recent_mean": {"type": "number"},
                          "fitted_mean": {"type": "number", "nullable": true}, "fitted_deviation": {"type": "number", "nullable": true}}},
                      "explanation": {"type": "string"}}}}}}}},
              "Task": {"type": "object", "required": ["id", "name", "description", "task_frequency", "next_run_time", "is_active", "target_data", "properties", "created_at", "updated_at"],
                "properties": {
                "id": {"type": "integer"}, "name": {"type": "string"}, "description": {"type": "string"}, "task_frequency": {"type": "integer"},
                "next_run_time": {"type": "string", "format": "date-time"}, "is_active": {"type": "boolean"},
                "target_data": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "enum": ["file", "opensearch", "syslog"]}}},
                "properties": {"type": "object"}, "detection": {"type": "object", "nullable": true},
                "notify": {"type": "object", "properties": {"channels": {"type": "array", "items": {"type": "integer"}}, "rules": {"type": "array", "nullable": true, "items": {"type": "string"}}}},
                "block": {"type": "boolean"}, "incident_quiet_seconds": {"type": "integer"},
                "routes": {"type": "array", "items": {"type": "string"}}, "duration_buckets": {"type": "array", "items": {"type": "number"}},
                "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
              "Run": {"type": "object", "required": ["id", "task_id", "trigger", "status", "started_at", "lines_read", "malformed_lines", "bytes_read", "findings", "notes"], "properties": {
                "id": {"type": "integer"}, "task_id": {"type": "integer"},
                "trigger": {"type": "string", "enum": ["scheduled", "auto_check", "manual", "takeover"], "description": "takeover: run again because the instance of an earlier run stopped renewing its claim"},
                "status": {"type": "string", "enum": ["running", "succeeded", "failed", "interrupted"]},
                "started_at": {"type": "string", "format": "date-time"}, "finished_at": {"type": "string", "format": "date-time", "nullable": true},
                "error": {"type": "string", "nullable": true}, "lines_read": {"type": "integer"}, "malformed_lines": {"type": "integer"},
                "bytes_read": {"type": "integer"}, "findings": {"type": "integer"}, "notes": {"type": "array", "items": {"type": "string"}},
                "instance": {"type": "string", "nullable": true, "description": "the instance (WEIR_INSTANCE_ID) that claimed the run"}}},
              "RunAccepted": {"type": "object", "required": ["run_id", "task_id", "status"], "properties": {"run_id": {"type": "integer"}, "task_id": {"type": "integer"}, "status": {"type": "string"}}},
              "Finding": {"type": "object", "required": ["id", "task_id", "run_id", "rule", "first_seen", "last_seen", "peak", "message", "examples", "created_at"], "properties": {
                "id": {"type": "integer"}, "task_id": {"type": "integer"}, "run_id": {"type": "integer"}, "rule": {"type": "string"},
                "client": {"type": "string", "nullable": true}, "first_seen": {"type": "string", "format": "date-time"},
                "last_seen": {"type": "string", "format": "date-time"}, "peak": {"type": "integer"},
                "window_seconds": {"type": "integer", "nullable": true}, "limit": {"type": "integer", "nullable": true},
                "message": {"type": "string"}, "examples": {"type": "array", "items": {"type": "string"}},
                "anomaly": {"type": "object", "nullable": true, "required": ["feature", "bucket_seconds", "observed", "expected_low", "expected_high", "score", "method"],
                  "properties": {"feature": {"type": "string"}, "bucket_seconds": {"type": "integer"},
                  "observed": {"type": "number"}, "expected_low": {"type": "number"}, "expected_high": {"type": "number"},
                  "score": {"type": "number"}, "method": {"type": "string"}}},
                "created_at": {"type": "string", "format": "date-time"}, "incident_id": {"type": "integer", "nullable": true}}},
              "Incident": {"type": "object", "required": ["id", "task_id", "rule", "key", "state", "opened_at", "last_seen", "peak", "findings", "summary"], "properties": {
                "id": {"type": "integer"}, "task_id": {"type": "integer"}, "rule": {"type": "string"}, "key": {"type": "string", "description": "the client, the feature for anomaly, empty for the overall rate"},
                "state": {"type": "string", "enum": ["open", "resolved"]}, "opened_at": {"type": "string", "format": "date-time"}, "last_seen": {"type": "string", "format": "date-time"},
                "resolved_at": {"type": "string", "format": "date-time", "nullable": true}, "peak": {"type": "integer"}, "findings": {"type": "integer"}, "summary": {"type": "string"}}},
              "IncidentDetail": {"type": "object", "required": ["incident", "findings"], "properties": {"incident": {"$ref": "#/components/schemas/Incident"},
                "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}},
              "ChannelFields": {"type": "object", "additionalProperties": false, "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": \#(PayloadFields.nameLength.upperBound), "pattern": "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"},
                "type": {"type": "string", "enum": ["webhook", "slack", "alertmanager"]},
                "url": {"type": "string", "maxLength": \#(ChannelPayload.urlLength), "pattern": "^https?://[^\\s/?#\\u0000]+[^\\s\\u0000]*$", "description": "the webhook or Slack incoming-webhook URL, or Alertmanager's base URL; a Slack URL is sealed with WEIR_SECRET"},
                "secret": {"type": "string", "nullable": true, "minLength": 1, "maxLength": 1024, \#(text), "writeOnly": true, "description": "webhooks: the HMAC-SHA256 key of X-Weir-Signature, sealed with WEIR_SECRET"},
                "signed": {"type": "boolean", "description": "true requires a secret"},
                "headers": {"type": "object", "nullable": true, "maxProperties": 20, "additionalProperties": {"type": "string"}, "writeOnly": true, "description": "webhooks: extra request headers, sealed with WEIR_SECRET"},
                "labels": {"type": "object", "nullable": true, "maxProperties": 20, "additionalProperties": {"type": "string"}, "description": "alertmanager: extra labels"}}},
              "ChannelCreate": {"allOf": [{"$ref": "#/components/schemas/ChannelFields"}, {"type": "object", "required": ["name", "type", "url"]}],
                "example": {"name": "ops", "type": "alertmanager", "url": "http://127.0.0.1:9093"}},
              "Channel": {"type": "object", "required": ["id", "name", "type", "url", "signed", "headers_set", "labels", "created_at", "updated_at"], "properties": {
                "id": {"type": "integer"}, "name": {"type": "string"}, "type": {"type": "string", "enum": ["webhook", "slack", "alertmanager"]}, "url": {"type": "string"},
                "signed": {"type": "boolean"}, "headers_set": {"type": "boolean"}, "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
              "ChannelTest": {"type": "object", "required": ["delivered", "milliseconds"], "properties": {"delivered": {"type": "boolean"}, "status": {"type": "integer", "nullable": true},
                "error": {"type": "string", "nullable": true}, "milliseconds": {"type": "integer"}}},
              "Notification": {"type": "object", "required": ["id", "channel_id", "task_id", "incident_id", "event", "delivery_id", "state", "attempts", "created_at"], "properties": {
                "id": {"type": "integer"}, "channel_id": {"type": "integer"}, "task_id": {"type": "integer"}, "incident_id": {"type": "integer"},
                "event": {"type": "string", "enum": ["incident.opened", "incident.resolved"]}, "delivery_id": {"type": "string"},
                "state": {"type": "string", "enum": ["pending", "delivered", "failed"]}, "attempts": {"type": "integer"},
                "next_attempt_at": {"type": "string", "format": "date-time", "nullable": true}, "last_status": {"type": "integer", "nullable": true},
                "last_error": {"type": "string", "nullable": true}, "created_at": {"type": "string", "format": "date-time"},
                "delivered_at": {"type": "string", "format": "date-time", "nullable": true},
                "attempt_log": {"type": "array", "nullable": true, "items": {"type": "object", "required": ["at", "milliseconds"], "properties": {"at": {"type": "string", "format": "date-time"},
                  "status": {"type": "integer", "nullable": true}, "error": {"type": "string", "nullable": true}, "milliseconds": {"type": "integer"}}}}}}
            }
          },
          "security": [{"bearer": []}],
          "paths": {
            "/health": {"get": {"summary": "Liveness and database check", "security": [],
              "responses": {"200": {"description": "healthy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                            "503": {"description": "database unreachable", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}}},
            "/metrics": {"get": {"summary": "Prometheus metrics: the traffic tasks read (weir_traffic_*: requests and bytes by task, virtual host, method and status, request durations, malformed lines), runs, findings, lines read, run durations, scheduler lag, syslog listeners, HTTP requests, process memory and CPU", "security": [],
              "responses": {"200": {"description": "Prometheus text", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Error"}}}},
            "/task-properties": {"get": {"summary": "The rule catalogue", "responses": {
              "200": {"description": "rules", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}},
              "401": {"$ref": "#/components/responses/Error"}}}},
            "/task-properties/{name}": {"get": {"summary": "One rule", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}, "description": "one of \#(RuleName.allCases.map(\.rawValue).joined(separator: ", "))"}],
              "responses": {"200": {"description": "the rule", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Rule"}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/tasks": {
              "get": {"summary": "List tasks, in id order", "parameters": [{"name": "active", "in": "query", "schema": {"type": "boolean"}},
                {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/afterTask"}],
                "responses": {"200": {"description": "tasks", "headers": {"Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Task"}}}}},
                              "401": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}},
              "post": {"operationId": "createTask", "summary": "Create a task", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskCreate"}}}},
                "responses": {"201": {"description": "created", "headers": {"Location": {"$ref": "#/components/headers/Location"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Task"}}},
                                "links": {"GetTask": {"operationId": "getTask", "parameters": {"id": "$response.body#/id"}},
                                          "PatchTask": {"operationId": "patchTask", "parameters": {"id": "$response.body#/id"}},
                                          "RunTask": {"operationId": "runTask", "parameters": {"id": "$response.body#/id"}},
                                          "ListRuns": {"operationId": "listRuns", "parameters": {"id": "$response.body#/id"}},
                                          "ListFindings": {"operationId": "listFindings", "parameters": {"id": "$response.body#/id"}},
                                          "ListTaskIncidents": {"operationId": "listTaskIncidents", "parameters": {"id": "$response.body#/id"}},
                                          "GetModel": {"operationId": "getModel", "parameters": {"id": "$response.body#/id"}},
                                          "DeleteTask": {"operationId": "deleteTask", "parameters": {"id": "$response.body#/id"}}}},
                              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                              "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"},
                              "422": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}": {
              "get": {"operationId": "getTask", "summary": "Read a task", "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {"200": {"description": "the task", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Task"}}}},
                              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}},
              "patch": {"operationId": "patchTask", "summary": "Change any field, revalidated as on create", "parameters": [{"$ref": "#/components/parameters/id"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskFields"}}}},
                "responses": {"200": {"description": "the changed task", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Task"}}}},
                              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                              "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                              "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}},
              "delete": {"operationId": "deleteTask", "summary": "Delete a task with its runs and findings", "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {"204": {"description": "deleted"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}/run": {"post": {"operationId": "runTask", "summary": "Run now", "parameters": [{"$ref": "#/components/parameters/id"}],
              "responses": {"202": {"description": "started", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunAccepted"}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                            "409": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}/runs": {"get": {"operationId": "listRuns", "summary": "Runs, newest first", "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/limit"},
                {"$ref": "#/components/parameters/afterRun"}],
              "responses": {"200": {"description": "runs", "headers": {"Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}/findings": {"get": {"operationId": "listFindings", "summary": "Findings, newest first", "parameters": [{"$ref": "#/components/parameters/id"},
                {"name": "rule", "in": "query", "schema": {"type": "string", "enum": \#(encoded(.array(FindingRuleNames.all.map { .string($0) })))}}, {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}, "description": "strict RFC 3339 with an offset"},
                {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/afterFinding"}],
              "responses": {"200": {"description": "findings", "headers": {"Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}/incidents": {"get": {"operationId": "listTaskIncidents", "summary": "A task's incidents, newest first", "parameters": [{"$ref": "#/components/parameters/id"},
                {"$ref": "#/components/parameters/incidentState"}, {"$ref": "#/components/parameters/rule"}, {"$ref": "#/components/parameters/since"},
                {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/afterIncident"}],
              "responses": {"200": {"description": "incidents", "headers": {"Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Incident"}}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
            "/incidents": {"get": {"operationId": "listIncidents", "summary": "Incidents of every task, newest first", "parameters": [
                {"$ref": "#/components/parameters/incidentState"}, {"$ref": "#/components/parameters/rule"}, {"$ref": "#/components/parameters/since"},
                {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/afterIncident"}],
              "responses": {"200": {"description": "incidents", "headers": {"Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Incident"}}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
            "/incidents/{id}": {"get": {"operationId": "getIncident", "summary": "An incident with its findings", "parameters": [{"$ref": "#/components/parameters/id"}],
              "responses": {"200": {"description": "the incident", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IncidentDetail"}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/channels": {
              "get": {"operationId": "listChannels", "summary": "Notification channels, in id order",
                "responses": {"200": {"description": "channels", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Channel"}}}}},
                              "401": {"$ref": "#/components/responses/Error"}}},
              "post": {"operationId": "createChannel", "summary": "Create a channel", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChannelCreate"}}}},
                "responses": {"201": {"description": "created", "headers": {"Location": {"$ref": "#/components/headers/Location"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Channel"}}},
                                "links": {"GetChannel": {"operationId": "getChannel", "parameters": {"id": "$response.body#/id"}},
                                          "PatchChannel": {"operationId": "patchChannel", "parameters": {"id": "$response.body#/id"}},
                                          "TestChannel": {"operationId": "testChannel", "parameters": {"id": "$response.body#/id"}},
                                          "DeleteChannel": {"operationId": "deleteChannel", "parameters": {"id": "$response.body#/id"}}}},
                              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                              "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"},
                              "422": {"$ref": "#/components/responses/Error"}}}},
            "/channels/{id}": {
              "get": {"operationId": "getChannel", "summary": "Read a channel (secrets never shown)", "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {"200": {"description": "the channel", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Channel"}}}},
                              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}},
              "patch": {"operationId": "patchChannel", "summary": "Change any field", "parameters": [{"$ref": "#/components/parameters/id"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChannelFields"}}}},
                "responses": {"200": {"description": "the changed channel", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Channel"}}}},
                              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                              "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                              "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}},
              "delete": {"operationId": "deleteChannel", "summary": "Delete a channel with its notifications", "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {"204": {"description": "deleted"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/channels/{id}/test": {"post": {"operationId": "testChannel", "summary": "Send a test event now and answer with how the receiver answered", "parameters": [{"$ref": "#/components/parameters/id"}],
              "responses": {"200": {"description": "the receiver's answer", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChannelTest"}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}},
            "/notifications": {"get": {"operationId": "listNotifications", "summary": "Deliveries, newest first", "parameters": [
                {"name": "state", "in": "query", "schema": {"type": "string", "enum": ["pending", "delivered", "failed"]}},
                {"name": "channel", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}},
                {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/afterNotification"}],
              "responses": {"200": {"description": "notifications", "headers": {"Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Notification"}}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
            "/notifications/{id}": {"get": {"operationId": "getNotification", "summary": "A delivery with every attempt", "parameters": [{"$ref": "#/components/parameters/id"}],
              "responses": {"200": {"description": "the notification", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Notification"}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/blocklist": {"get": {"operationId": "getBlocklist", "summary": "Clients with an open per-client incident on an active task with block: true", "parameters": [
                {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["plain", "nginx", "json"], "default": "plain"}},
                {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}}],
              "responses": {"200": {"description": "the list", "headers": {"ETag": {"schema": {"type": "string"}}},
                              "content": {"text/plain": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}},
                            "304": {"description": "unchanged since the ETag given"},
                            "401": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}/model": {"get": {"operationId": "getModel", "summary": "What the expert system chose for the task (method, hyper-parameters, features, bucket length), the candidates it compared and why",
              "parameters": [{"$ref": "#/components/parameters/id"}],
              "responses": {"200": {"description": "the model", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Model"}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}}
          }
        }
        """#
}
