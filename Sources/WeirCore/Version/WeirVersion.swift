/// Weir's version, for `weir --version`, the API's `/health` and the server header.
public enum WeirVersion {
    public static let current = "0.7.0"
}
