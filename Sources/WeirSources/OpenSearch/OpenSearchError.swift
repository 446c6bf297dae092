import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import WeirLog
import WeirRules

/// A failure reading an OpenSearch source, worded for the run's `error`.
package struct OpenSearchError: Error, CustomStringConvertible, Sendable {
    package let description: String
    package init(_ description: String) { self.description = description }
}
