import Foundation
import Hummingbird

extension Request {
    /// The media type of a `Content-Type` value, parameters such as `charset` left out, in lower
    /// case: `Application/JSON; charset=utf-8` is `application/json`.
    static func mediaType(_ contentType: String) -> String {
        contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }
}
