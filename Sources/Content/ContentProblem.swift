/// One thing wrong with the content, at the place a care worker must look to fix it.
///
/// Printed as `path:line:column: message`, the form editors and CI systems link to the line.
public struct ContentProblem: Error, Sendable, Equatable, Comparable, CustomStringConvertible {
    /// The file, relative to the content folder (`clients/sanne/agenda.yaml`).
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong and, where we know it, how to fix it.
    public var message: String

    public init(_ message: String, file: String, line: Int = 1, column: Int = 1) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (
            rhs.file, rhs.line, rhs.column, rhs.message
        )
    }
}

/// The problems found while loading, gathered so that every one is reported at once.
public struct ProblemList: Sendable {
    public private(set) var all: [ContentProblem] = []

    public init() {}

    public var isEmpty: Bool { all.isEmpty }

    public mutating func add(_ problem: ContentProblem) {
        all.append(problem)
    }

    public mutating func add(contentsOf other: ProblemList) {
        all.append(contentsOf: other.all)
    }

    public mutating func add(_ message: String, file: String, line: Int = 1, column: Int = 1) {
        all.append(ContentProblem(message, file: file, line: line, column: column))
    }
}
