import WeirSources

/// The OpenAPI 3 description of every route, served at `GET /openapi.json`. Written by hand;
/// a test holds it against the routes the router actually has.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.0.3",
          "info": {"title": "Weir monitoring service", "version": "1",
                   "description": "Tasks that watch access logs against rules, run on a schedule. Every route but /health and /metrics needs Authorization: Bearer <WEIR_API_TOKEN> when a token is set."},
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "parameters": {
              "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
              "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
              "after": {"name": "after", "in": "query", "description": "opaque cursor: the one in the previous page's Link header", "schema": {"type": "string", "maxLength": 64}}
            },
            "headers": {
              "Link": {"description": "<URI>; rel=\"next\" when there is a next page", "schema": {"type": "string"}}
            },
            "responses": {
              "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message", "fields"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                               "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}}},
              "Health": {"type": "object", "properties": {"status": {"type": "string"}, "database": {"type": "string"}, "version": {"type": "string"}}},
              "Rule": {"type": "object", "properties": {"name": {"type": "string"}, "description": {"type": "string"},
                       "value_type": {"type": "string"}, "example": {}}},
              "TargetData": {"oneOf": [{"$ref": "#/components/schemas/FileTarget"}, {"$ref": "#/components/schemas/OpenSearchTarget"}]},
              "FileTarget": {"type": "object", "required": ["type", "path"], "properties": {
                "type": {"type": "string", "enum": ["file"]}, "path": {"type": "string", "description": "absolute path of the access log"},
                "format": {"type": "string", "default": "auto", "description": "auto, a format name (combined, common, vhost_combined, json…), an Apache LogFormat or an nginx log_format"}}},
              "OpenSearchTarget": {"type": "object", "required": ["type", "host", "indice"], "properties": {
                "type": {"type": "string", "enum": ["opensearch"]}, "host": {"type": "string"}, "port": {"type": "integer", "default": 9200},
                "is_using_ssl": {"type": "boolean", "default": true}, "auth_user_name": {"type": "string"},
                "auth_password": {"type": "string", "writeOnly": true, "description": "stored encrypted with a key from WEIR_SECRET; left out in a PATCH, the stored one is kept; null removes it"},
                "auth_password_set": {"type": "boolean", "readOnly": true},
                "indice": {"type": "string", "description": "index name or pattern, e.g. nginx-*"},
                "fields": {"type": "object", "description": "document field names by the default name they replace: @timestamp, remote, path, scheme, method, code, size, agent, referrer, host, tiebreaker (default _id); dots for nested fields", "additionalProperties": {"type": "string"}},
                "page_size": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1000},
                "tls_ca_file": {"type": "string", "description": "absolute path of a PEM file of the certificate authorities to trust instead of the system's"}}},
              "Properties": {"type": "object", "description": "rules; GET /task-properties lists them", "properties": {
                "black_ip_address": {"type": "array", "items": {"type": "string"}},
                "average_requests_per_time_interval": {"type": "object", "description": "window seconds (1 to 31622400) to the most requests allowed", "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 1000000000}},
                "average_requests_per_client_per_time_interval": {"type": "object", "description": "window seconds (1 to 31622400) to the most requests allowed", "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 1000000000}},
                "is_http_requests_accepted": {"type": "boolean"},
                "accepted_urls": {"type": "array", "items": {"type": "string"}}}, "additionalProperties": false},
              "TaskInput": {"type": "object", "properties": {
                "name": {"type": "string", "maxLength": 200}, "description": {"type": "string"},
                "task_frequency": {"type": "integer", "minimum": 1, "maximum": 31622400, "description": "seconds between runs"},
                "next_run_time": {"type": "string", "format": "date-time", "description": "strict RFC 3339 with an offset, not in the past"},
                "is_active": {"type": "boolean", "default": true},
                "target_data": {"$ref": "#/components/schemas/TargetData"},
                "properties": {"$ref": "#/components/schemas/Properties"},
                "detection": {"$ref": "#/components/schemas/Detection"}}},
              "Detection": {"type": "object", "nullable": true, "description": "the user's answers to the expert system; absent or null: Weir chooses everything",
                "properties": {"enabled": {"type": "boolean", "default": true},
                  "method": {"oneOf": [{"type": "string", "description": "auto or a method name (weir detect --list)"},
                    {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "params": {"type": "object", "additionalProperties": {"type": "number"}}}}]},
                  "features": {"type": "array", "items": {"type": "string", "enum": ["requests", "distinct_clients", "busiest_client_requests", "errors_4xx", "errors_5xx", "bytes", "paths_per_client"]}},
                  "bucket_seconds": {"type": "integer", "enum": [60, 300, 900, 3600]}}},
              "Model": {"type": "object", "properties": {"task_id": {"type": "integer"}, "status": {"type": "string", "enum": ["chosen", "default", "disabled"]},
                "enabled": {"type": "boolean"}, "history_minutes": {"type": "integer"}, "chosen_at": {"type": "string", "format": "date-time", "nullable": true},
                "chosen_from_minutes": {"type": "integer", "nullable": true}, "next_choice_after_minutes": {"type": "integer"}, "bucket_seconds": {"type": "integer"},
                "answers": {"type": "object", "additionalProperties": {"type": "string"}}, "not_watched": {"type": "object", "additionalProperties": {"type": "string"}},
                "features": {"type": "array", "items": {"type": "object", "properties": {"feature": {"type": "string"}, "period": {"type": "integer"},
                  "method": {"type": "object"}, "reason": {"type": "string"}, "profile": {"type": "object", "nullable": true}, "candidates": {"type": "array", "items": {"type": "object"}}}}}}},
              "Task": {"allOf": [{"$ref": "#/components/schemas/TaskInput"}, {"type": "object", "properties": {
                "id": {"type": "integer"},
                "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}}]},
              "Run": {"type": "object", "properties": {
                "id": {"type": "integer"}, "task_id": {"type": "integer"},
                "trigger": {"type": "string", "enum": ["scheduled", "auto_check", "manual", "takeover"], "description": "takeover: run again because the instance of an earlier run stopped renewing its claim"},
                "status": {"type": "string", "enum": ["running", "succeeded", "failed", "interrupted"]},
                "started_at": {"type": "string", "format": "date-time"}, "finished_at": {"type": "string", "format": "date-time", "nullable": true},
                "error": {"type": "string", "nullable": true}, "lines_read": {"type": "integer"}, "malformed_lines": {"type": "integer"},
                "bytes_read": {"type": "integer"}, "findings": {"type": "integer"}, "notes": {"type": "array", "items": {"type": "string"}},
                "instance": {"type": "string", "nullable": true, "description": "the instance (WEIR_INSTANCE_ID) that claimed the run"}}},
              "Finding": {"type": "object", "properties": {
                "id": {"type": "integer"}, "task_id": {"type": "integer"}, "run_id": {"type": "integer"}, "rule": {"type": "string"},
                "client": {"type": "string", "nullable": true}, "first_seen": {"type": "string", "format": "date-time"},
                "last_seen": {"type": "string", "format": "date-time"}, "peak": {"type": "integer"},
                "window_seconds": {"type": "integer", "nullable": true}, "limit": {"type": "integer", "nullable": true},
                "message": {"type": "string"}, "examples": {"type": "array", "items": {"type": "string"}},
                "anomaly": {"type": "object", "nullable": true, "properties": {"feature": {"type": "string"}, "bucket_seconds": {"type": "integer"},
                  "observed": {"type": "number"}, "expected_low": {"type": "number"}, "expected_high": {"type": "number"},
                  "score": {"type": "number"}, "method": {"type": "string"}}},
                "created_at": {"type": "string", "format": "date-time"}}}
            }
          },
          "security": [{"bearer": []}],
          "paths": {
            "/health": {"get": {"summary": "Liveness and database check", "security": [],
              "responses": {"200": {"description": "healthy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                            "503": {"description": "database unreachable"}}}},
            "/metrics": {"get": {"summary": "Prometheus metrics: runs, findings, lines read, run durations, scheduler lag", "security": [],
              "responses": {"200": {"description": "Prometheus text", "content": {"text/plain": {}}}}}},
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3"}, "401": {"$ref": "#/components/responses/Error"}}}},
            "/task-properties": {"get": {"summary": "The rule catalogue", "responses": {
              "200": {"description": "rules", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}},
              "401": {"$ref": "#/components/responses/Error"}}}},
            "/task-properties/{name}": {"get": {"summary": "One rule", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
              "responses": {"200": {"description": "the rule", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Rule"}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/tasks": {
              "get": {"summary": "List tasks, in id order", "parameters": [{"name": "active", "in": "query", "schema": {"type": "boolean"}},
                {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/after"}],
                "responses": {"200": {"description": "tasks", "headers": {"Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Task"}}}}},
                              "401": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}},
              "post": {"summary": "Create a task", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskInput"}}}},
                "responses": {"201": {"description": "created; Location names it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Task"}}}},
                              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                              "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"},
                              "422": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}": {
              "get": {"summary": "Read a task", "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {"200": {"description": "the task", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Task"}}}},
                              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}},
              "patch": {"summary": "Change any field, revalidated as on create", "parameters": [{"$ref": "#/components/parameters/id"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskInput"}}}},
                "responses": {"200": {"description": "the changed task", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Task"}}}},
                              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                              "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                              "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}},
              "delete": {"summary": "Delete a task with its runs and findings", "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {"204": {"description": "deleted"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}/run": {"post": {"summary": "Run now", "parameters": [{"$ref": "#/components/parameters/id"}],
              "responses": {"202": {"description": "started", "content": {"application/json": {"schema": {"type": "object", "properties": {
                              "run_id": {"type": "integer"}, "task_id": {"type": "integer"}, "status": {"type": "string"}}}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                            "409": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}/runs": {"get": {"summary": "Runs, newest first", "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/limit"},
                {"$ref": "#/components/parameters/after"}],
              "responses": {"200": {"description": "runs", "headers": {"Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}/findings": {"get": {"summary": "Findings, newest first", "parameters": [{"$ref": "#/components/parameters/id"},
                {"name": "rule", "in": "query", "schema": {"type": "string"}}, {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/after"}],
              "responses": {"200": {"description": "findings", "headers": {"Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
            "/tasks/{id}/model": {"get": {"summary": "What the expert system chose for the task (method, hyper-parameters, features, bucket length), the candidates it compared and why",
              "parameters": [{"$ref": "#/components/parameters/id"}],
              "responses": {"200": {"description": "the model", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Model"}}}},
                            "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}}
          }
        }
        """#
}
