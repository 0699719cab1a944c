/// A template that cannot be parsed, with the place to look and a hint on how to fix it.
public struct MustacheError: Error, Equatable, CustomStringConvertible {
    /// The name the template was created with, so errors point to the right theme file.
    public let templateName: String
    /// 1-based line of the offending tag.
    public let line: Int
    /// 1-based column (in characters) of the offending tag.
    public let column: Int
    /// What is wrong and how to fix it.
    public let message: String

    /// Creates an error; normally only the parser does this.
    public init(templateName: String, line: Int, column: Int, message: String) {
        self.templateName = templateName
        self.line = line
        self.column = column
        self.message = message
    }

    /// The compiler-style form `name:line:column: message`.
    public var description: String {
        "\(templateName):\(line):\(column): \(message)"
    }
}
