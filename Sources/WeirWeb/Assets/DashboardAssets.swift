import Crypto
import WeirCore

/// The stylesheet and script the dashboard serves itself, each with a content hash for its URL
/// and `ETag`, so a browser may cache them for a year and still gets a new version at once.
public struct DashboardAssets: Sendable {
    /// One asset.
    public enum Asset: String, CaseIterable, Sendable {
        case style = "weir.css"
        case script = "weir.js"
        case icon = "weir.svg"

        public var contentType: String {
            switch self {
            case .style: "text/css; charset=utf-8"
            case .script: "text/javascript; charset=utf-8"
            case .icon: "image/svg+xml"
            }
        }

        var text: String {
            switch self {
            case .style: DashboardStyle.text
            case .script: DashboardScript.text
            case .icon: DashboardIcon.text
            }
        }
    }

    private let hashes: [Asset: String]

    public init() {
        var hashes: [Asset: String] = [:]
        for asset in Asset.allCases {
            hashes[asset] = HexText.lowercase(Array(SHA256.hash(data: Array(asset.text.utf8))).prefix(8))
        }
        self.hashes = hashes
    }

    /// The asset's bytes.
    public func body(of asset: Asset) -> String { asset.text }

    /// A short hash of the asset's bytes.
    public func hash(of asset: Asset) -> String { hashes[asset] ?? "" }

    /// The path pages link to, versioned by the hash.
    public func url(of asset: Asset) -> String { "/assets/\(asset.rawValue)?v=\(hash(of: asset))" }
}
