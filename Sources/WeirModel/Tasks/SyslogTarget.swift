import WeirCore
import WeirLog

/// A syslog source: the address Weir listens on, the format of the lines inside the messages,
/// and whether the sending host's name is the lines' virtual host.
public struct SyslogTarget: Sendable, Equatable {
    public var address: SyslogAddress
    /// `auto`, or any format name or string `weir analyze --help` lists.
    public var format: String
    public var hostnameAsVhost: Bool

    public init(address: SyslogAddress, format: String = "auto", hostnameAsVhost: Bool = false) {
        self.address = address
        self.format = format
        self.hostnameAsVhost = hostnameAsVhost
    }

    /// Validates `{"type":"syslog","listen":"udp://127.0.0.1:5514","format":"combined","hostname_as_vhost":true}`.
    public init(_ object: [String: JSONValue]) throws(FieldErrors) {
        var errors = FieldErrors()
        for key in object.keys where !["type", "listen", "format", "hostname_as_vhost"].contains(key) {
            errors.add("target_data.\(key)", "is not a field of a syslog source; use listen, format and hostname_as_vhost")
        }
        var address: SyslogAddress?
        if let listen = object["listen"]?.stringValue {
            do { address = try SyslogAddress(listen) } catch { errors.add("target_data.listen", error.description) }
        } else {
            errors.add("target_data.listen", "is required: where to receive syslog, such as udp://127.0.0.1:5514 or tcp://0.0.0.0:6514")
        }
        let format = object["format"]?.stringValue ?? "auto"
        if object["format"] != nil, object["format"]?.stringValue == nil {
            errors.add("target_data.format", "must be a string")
        } else if format != "auto" {
            do { _ = try LogFormat.parse(format) } catch { errors.add("target_data.format", error.description) }
        }
        let vhost = object["hostname_as_vhost"]
        if let vhost, vhost.boolValue == nil { errors.add("target_data.hostname_as_vhost", "must be true or false") }
        try errors.throwIfAny()
        self.init(address: address!, format: format, hostnameAsVhost: vhost?.boolValue ?? false)
    }

    /// The stored and shown form.
    public var json: JSONValue {
        .object([
            "type": .string("syslog"), "listen": .string(address.description), "format": .string(format),
            "hostname_as_vhost": .bool(hostnameAsVhost),
        ])
    }
}
