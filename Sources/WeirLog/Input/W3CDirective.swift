/// Reading W3C directive lines (`#Fields:` and the others) inside a log.
enum W3CDirective {
    /// The format a `#Fields:` line at `line` of `source` declares (of `flavor`, or recognised),
    /// or `nil` for another line. A `#Fields:` line without `date time` stops the read with an
    /// ``InputError`` naming the line.
    static func format(_ bytes: some Collection<UInt8>, flavor: W3CFlavor?, source: String, line: Int) throws(InputError) -> LogFormat? {
        do {
            return try LogFormat.w3c(directive: bytes, flavor: flavor)
        } catch {
            throw InputError(.unknownFormat, "\(source):\(line): \(error.description)")
        }
    }
}
