/// Reading W3C directive lines (`#Fields:` and the others) inside a log.
enum W3CDirective {
    /// The format a `#Fields:` line at `line` of `source` declares, or `nil` for another directive.
    /// A `#Fields:` line without `date time` stops the read with an ``InputError``.
    static func format(_ bytes: UnsafeRawBufferPointer, flavor: W3CFlavor, source: String, line: Int) throws(InputError) -> LogFormat? {
        do {
            return try LogFormat.w3c(directive: bytes, flavor: flavor)
        } catch {
            throw InputError(.unknownFormat, "\(source):\(line): \(error.description)")
        }
    }
}
