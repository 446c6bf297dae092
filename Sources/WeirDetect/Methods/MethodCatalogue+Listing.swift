import WeirCore

extension MethodCatalogue {
    /// Every method with its hyper-parameters and their defaults, one per line (`weir detect --list`).
    public static var listing: String {
        var text = ""
        for method in all {
            text += "\(method.name.rawValue): \(method.summary)\n"
            for parameter in method.parameters {
                let value = parameter.defaultValue.isNaN ? "unset" : MethodChoice.display(parameter.defaultValue)
                let low = DecimalText.trimmed(parameter.range.lowerBound, places: 4)
                let high = DecimalText.trimmed(parameter.range.upperBound, places: 4)
                text += "    \(parameter.name) (default \(value)): \(parameter.summary); \(low) to \(high)\n"
            }
        }
        return text + "auto: the expert system chooses among the above from the series itself (see --help)\n"
    }
}
