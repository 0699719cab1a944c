import CLI
import Fixtures
import Foundation
import Testing
import YAML

/// The ready-to-copy CI definitions in docs/ci/ are valid YAML, and every careportal command
/// in them runs, against the example content, as the README's commands do.
@Suite struct CIDefinitionTests {
    static let files = ["docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml"]

    /// Every scalar in the document, depth first.
    private func scalars(_ node: Node) -> [String] {
        switch node.kind {
        case .scalar(let text, _): return [text]
        case .sequence(let items): return items.flatMap(scalars)
        case .mapping(let pairs): return pairs.flatMap { scalars($0.key) + scalars($0.value) }
        }
    }

    @Test(arguments: files)
    func theCommandsRunOnTheExampleContent(file: String) throws {
        let text = try String(
            contentsOf: ContentFixture.repository.appendingPathComponent(file), encoding: .utf8)
        let document = try #require(try YAMLParser.parse(text))
        let commands = scalars(document).flatMap { $0.split(separator: "\n") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("careportal ") }
        #expect(commands.contains { $0.hasPrefix("careportal check") })
        #expect(commands.contains { $0.hasPrefix("careportal build") })

        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("ci-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        for command in commands {
            let words = command.split(separator: " ").dropFirst().prefix { $0 != ">" }.map {
                word -> String in
                switch word {
                case "content-repo/content", "content": ContentFixture.exampleContent.path
                case "careportal/themes", "/opt/careportal/themes": ContentFixture.themes.path
                case "site": output.appendingPathComponent("site").path
                default: String(word)
                }
            }
            let result = runCommand(words)
            #expect(result.status == .success, "\(command): \(result.err)")
        }
    }
}
