import Content
import Crypto
import Foundation

/// How `check` and `build` print content problems: for a person, or for a CI system that
/// turns them into notes on the changed line.
enum ProblemFormat: String, CaseIterable {
    /// `path:line:column: message`, on standard error.
    case plain
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`), on standard output.
    case github
    /// A GitLab code quality report (JSON), on standard output, for `artifacts:reports`.
    case gitlab

    static func named(_ name: String?) throws(UsageError) -> ProblemFormat {
        guard let name else { return .plain }
        guard let format = ProblemFormat(rawValue: name) else {
            let known = allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError("--format must be one of \(known), not '\(name)'")
        }
        return format
    }

    func print(_ problems: [ContentProblem], console: Console) {
        switch self {
        case .plain:
            for problem in problems { console.err(problem.description) }
        case .github:
            for problem in problems { console.out(Self.github(problem)) }
        case .gitlab:
            console.out(Self.gitlab(problems))
        }
    }

    /// One workflow command; GitHub wants `%`, CR and LF escaped, and in properties also `:`
    /// and `,`.
    static func github(_ problem: ContentProblem) -> String {
        func data(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25")
                .replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ text: String) -> String {
            data(text).replacingOccurrences(of: ":", with: "%3A")
                .replacingOccurrences(of: ",", with: "%2C")
        }
        return "::error file=\(property(problem.file)),line=\(problem.line),"
            + "col=\(problem.column),title=careportal::\(data(problem.message))"
    }

    /// The code quality report: one entry per problem, with a fingerprint that stays the same
    /// while the problem does, so GitLab can tell new problems from old ones.
    static func gitlab(_ problems: [ContentProblem]) -> String {
        let entries: [[String: Any]] = problems.map { problem in
            [
                "description": problem.message, "check_name": "careportal",
                "severity": "major",
                "fingerprint": SHA256.hash(Array(problem.description.utf8))
                    .map { String(format: "%02x", $0) }.joined(),
                "location": ["path": problem.file, "lines": ["begin": problem.line]],
            ]
        }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: entries, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
