import ArgumentParser

/// `weir detect --param KEY=NUMBER`: one hyper-parameter of the chosen method.
struct ParameterSetting: ExpressibleByArgument {
    let key: String
    let value: Double

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), value.isFinite else { return nil }
        key = parts[0]
        self.value = value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension [ParameterSetting] {
    /// The settings by key, the last one winning.
    var byKey: [String: Double] { Dictionary(map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }) }
}
