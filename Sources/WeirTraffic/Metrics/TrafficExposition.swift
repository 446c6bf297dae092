import WeirCore

/// The traffic families of `/metrics`, in Prometheus's text format: for `weir serve`, from the
/// totals the store keeps per task (so every instance shows the same numbers, and a restart loses
/// none); for `weir monitor --metrics-listen`, from the followed log (`task` is its path). Every
/// family is there with its `# HELP` and `# TYPE` even before any count.
public enum TrafficExposition {
    public static func render(_ totals: [(task: String, name: String, counts: TrafficCounts)]) -> String {
        var out = ""
        family(
            &out,
            "weir_traffic_requests_total",
            "counter",
            "Requests read by task runs, by task, virtual host, method (OTHER beyond the standard ones), status and route (the task's declared route pattern the path matched, else other)."
        )
        // Each series' labels, made once for both families.
        let labelled = totals.map { task, _, counts in
            counts.series.sorted { $0.key < $1.key }.map { (labels: labels(task, $0.key), count: $0.value) }
        }
        for series in labelled {
            for (labels, count) in series { out += "weir_traffic_requests_total\(labels) \(count.requests)\n" }
        }
        family(&out, "weir_traffic_response_bytes_total", "counter", "Response bytes of the requests read, by the same labels.")
        for series in labelled {
            for (labels, count) in series { out += "weir_traffic_response_bytes_total\(labels) \(count.bytes)\n" }
        }
        family(
            &out,
            "weir_traffic_request_duration_seconds",
            "histogram",
            "Request durations the log gives (nginx $request_time, Apache %D…), by task."
        )
        for (task, _, counts) in totals { histogram(&out, task, counts) }
        family(&out, "weir_traffic_malformed_lines_total", "counter", "Lines task runs could not parse, by task.")
        for (task, _, counts) in totals { out += "weir_traffic_malformed_lines_total{task=\"\(escaped(task))\"} \(counts.malformed)\n" }
        family(
            &out,
            "weir_traffic_folded_requests_total",
            "counter",
            "Requests counted in the series {vhost=\"other\",method=\"OTHER\",status=\"other\",route=\"other\"} because their task had \(TrafficCounts.seriesCap) series."
        )
        for (task, _, counts) in totals { out += "weir_traffic_folded_requests_total{task=\"\(escaped(task))\"} \(counts.folded)\n" }
        family(&out, "weir_task_info", "gauge", "Each task's name, to join on the task label.")
        for (task, name, _) in totals { out += "weir_task_info{task=\"\(escaped(task))\",name=\"\(escaped(name))\"} 1\n" }
        return out
    }

    private static func family(_ out: inout String, _ name: String, _ type: String, _ help: String) {
        out += "# HELP \(name) \(help.replacingOccurrences(of: "\\", with: "\\\\"))\n# TYPE \(name) \(type)\n"
    }

    private static func labels(_ task: String, _ key: TrafficSeriesKey) -> String {
        "{task=\"\(escaped(task))\",vhost=\"\(escaped(key.vhost))\",method=\"\(escaped(key.method))\",status=\"\(escaped(key.status))\",route=\"\(escaped(key.route))\"}"
    }

    private static func histogram(_ out: inout String, _ task: String, _ counts: TrafficCounts) {
        var cumulative: Int64 = 0
        for (k, bound) in counts.bucketBounds.enumerated() {
            cumulative &+= counts.durationBuckets[k]
            out +=
                "weir_traffic_request_duration_seconds_bucket{task=\"\(escaped(task))\",le=\"\(DecimalText.trimmed(bound, places: 6))\"} \(cumulative)\n"
        }
        cumulative &+= counts.durationBuckets[counts.bucketBounds.count]
        out += "weir_traffic_request_duration_seconds_bucket{task=\"\(escaped(task))\",le=\"+Inf\"} \(cumulative)\n"
        out +=
            "weir_traffic_request_duration_seconds_sum{task=\"\(escaped(task))\"} \(DecimalText.trimmed(Double(counts.durationSumMicros) / 1e6, places: 6))\n"
        out += "weir_traffic_request_duration_seconds_count{task=\"\(escaped(task))\"} \(cumulative)\n"
    }

    /// A label value as the text format wants it: `\`, `"` and newlines escaped.
    public static func escaped(_ value: String) -> String {
        // Most values (hosts, methods, codes, routes) need nothing: they are returned as they are.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else {
            return value
        }
        var out = ""
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
