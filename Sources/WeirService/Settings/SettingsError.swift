import Foundation
import WeirModel
import WeirStore

/// A setting that stops start-up, worded as one line naming the key.
public struct SettingsError: Error, CustomStringConvertible, Sendable, Equatable {
    public let key: String
    public let problem: String
    public var description: String { "\(key) \(problem)" }
}
