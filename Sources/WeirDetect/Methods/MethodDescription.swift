/// What a method is and which hyper-parameters it takes (`weir detect --list`).
public struct MethodDescription: Sendable {
    public let name: MethodName
    public let summary: String
    public let parameters: [ParameterSpec]

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }
}
