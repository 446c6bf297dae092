import ArgumentParser
import WeirDetect

/// `weir detect --method`: `auto`, or one method by name.
enum MethodOption: ExpressibleByArgument, CaseIterable, Equatable {
    case auto
    case named(MethodName)

    static var allCases: [MethodOption] { [.auto] + MethodName.allCases.map(MethodOption.named) }

    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let name = MethodName(rawValue: argument) {
            self = .named(name)
        } else {
            return nil
        }
    }

    var defaultValueDescription: String { name ?? "auto" }

    static var allValueStrings: [String] { allCases.map { $0.name ?? "auto" } }

    /// The method named, `nil` for `auto`.
    var name: String? {
        if case .named(let method) = self { method.rawValue } else { nil }
    }

    var method: MethodName? {
        if case .named(let method) = self { method } else { nil }
    }
}
