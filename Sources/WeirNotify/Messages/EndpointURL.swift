import Foundation

/// What a channel's URL must be: http or https, with a host, without spaces, at most 2048 bytes;
/// for Alertmanager the base URL (Weir adds `/api/v2/alerts`).
public enum EndpointURL {
    public static let maxLength = 2048

    /// Why `text` cannot be an endpoint's URL, or `nil`.
    public static func problem(_ text: String, kind: Endpoint.Kind) -> String? {
        guard text.utf8.count <= maxLength, !text.contains("\u{0}"), !text.contains(" ") else {
            return "must be an http or https URL of at most \(maxLength) bytes without spaces"
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            return "\"\(text)\" is not a URL; give one such as https://hooks.example.com/weir"
        }
        guard scheme == "http" || scheme == "https" else {
            return "has the scheme \"\(scheme)\"; only http and https are sent to"
        }
        guard let host = url.host, !host.isEmpty else { return "\"\(text)\" has no host" }
        if kind == .alertmanager, url.query != nil {
            return "is Alertmanager's base URL (such as http://alertmanager:9093); Weir adds /api/v2/alerts"
        }
        return nil
    }
}
