extension LogFormat {
    /// Compiles an nginx `log_format` string such as
    /// `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent`.
    ///
    /// Variables are `$name` or `${name}`; unknown variables are fields that are skipped.
    public static func nginx(_ text: String) throws(LogFormatError) -> LogFormat {
        var steps: [FormatStep] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "_")
        }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "$") else {
                literal.append(bytes[i])
                i += 1
                continue
            }
            var start = i + 1
            var end: Int
            if start < bytes.count, bytes[start] == UInt8(ascii: "{") {
                start += 1
                guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw LogFormatError("nginx log format has an unclosed '${' at column \(i + 1)")
                }
                end = close
                i = close + 1
            } else {
                end = start
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                i = end
            }
            guard end > start else {
                literal.append(UInt8(ascii: "$"))
                continue
            }
            if !literal.isEmpty {
                steps.append(.literal(literal))
                literal = []
            }
            steps.append(.field(nginxField(String(decoding: bytes[start..<end], as: UTF8.self)), quoted: false))
        }
        if !literal.isEmpty { steps.append(.literal(literal)) }
        try validate(steps, source: "nginx")
        return LogFormat(name: "nginx:\(text)", steps: steps)
    }

    static func nginxField(_ name: String) -> FieldKind {
        switch name {
        case "remote_addr", "realip_remote_addr", "http_x_real_ip": .client
        case "remote_user": .user
        case "time_local": .timeLocal
        case "time_iso8601": .timeISO
        case "msec": .timeEpochSeconds
        case "request": .request
        case "request_method": .method
        case "request_uri": .target
        case "uri", "document_uri": .path
        case "server_protocol": .protocolVersion
        case "status": .status
        case "body_bytes_sent", "bytes_sent": .bytes
        case "http_referer": .referrer
        case "http_user_agent": .userAgent
        case "request_time": .durationSeconds
        case "scheme": .scheme
        case "host", "server_name", "http_host": .host
        case "server_port": .port
        default: .ignored
        }
    }
}
