/// The development half of NAB split into folds by file, for cross-validation: within each
/// category, files in name order are dealt to the folds in turn, so every fold has files of
/// every category with at least as many files as folds. The split depends only on the files'
/// names; `docs/nab-folds.md` lists the three-fold split of `../shared/data/nab-dev`, and a test
/// holds the list to this function.
public enum NABFolds {
    /// The fold (0 to `count` − 1) of each series name, for `count` folds.
    public static func assign(_ names: [String], count: Int) -> [String: Int] {
        precondition(count >= 2, "cross-validation takes at least two folds")
        var byCategory: [String: [String]] = [:]
        for name in names { byCategory[String(name.split(separator: "/").first ?? ""), default: []].append(name) }
        var fold: [String: Int] = [:]
        var next = 0
        for category in byCategory.keys.sorted() {
            for name in byCategory[category]!.sorted() {
                fold[name] = next % count
                next += 1
            }
        }
        return fold
    }
}
