/// Why one value of a rule is invalid.
struct Invalid: Error {
    let message: String
}
