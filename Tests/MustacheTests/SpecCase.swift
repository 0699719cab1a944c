import Foundation
import Mustache
import Testing

/// One test from the official Mustache spec files, named so each shows up on its own.
struct SpecCase: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let template: String
    let data: MustacheValue
    let partials: [String: String]
    let expected: String
    /// Set when the spec file could not be read, so the failure is reported, not hidden.
    let loadError: String?

    var testDescription: String {
        "\(file): \(name)"
    }
}

/// The cases of one spec file, or a single failing case explaining why none were loaded.
func specCases(file: String) -> [SpecCase] {
    do {
        let directory = try specDirectory()
        let url = directory.appendingPathComponent("\(file).json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let tests = (root as? [String: Any])?["tests"] as? [[String: Any]] else {
            return [failedCase(file: file, "\(url.path) has no 'tests' list")]
        }
        return tests.map { specCase(from: $0, file: file) }
    } catch {
        return [failedCase(file: file, "cannot load spec file: \(error)")]
    }
}

private func specCase(from test: [String: Any], file: String) -> SpecCase {
    SpecCase(
        file: file,
        name: test["name"] as? String ?? "(unnamed)",
        template: test["template"] as? String ?? "",
        data: mustacheValue(fromJSON: test["data"] ?? NSNull()),
        partials: test["partials"] as? [String: String] ?? [:],
        expected: test["expected"] as? String ?? "",
        loadError: nil
    )
}

private func failedCase(file: String, _ message: String) -> SpecCase {
    SpecCase(
        file: file, name: "load", template: "", data: .null, partials: [:], expected: "",
        loadError: message
    )
}
