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

    private func load(_ file: String) throws -> Node {
        let text = try String(
            contentsOf: ContentFixture.repository.appendingPathComponent(file), encoding: .utf8)
        return try #require(try YAMLParser.parse(text))
    }

    private func value(_ key: String, in node: Node) -> Node? {
        guard case .mapping(let pairs) = node.kind else { return nil }
        return pairs.first { scalars($0.key) == [key] }?.value
    }

    private func keys(_ node: Node) -> [String] {
        guard case .mapping(let pairs) = node.kind else { return [] }
        return pairs.flatMap { scalars($0.key) }
    }

    private func items(_ node: Node?) -> [Node] {
        guard let node, case .sequence(let items) = node.kind else { return [] }
        return items
    }

    /// The shape GitHub Actions reads: triggers, and jobs with a runner and steps that each
    /// either use an action or run a script, never both.
    @Test func theGitHubWorkflowHasTheShapeGitHubReads() throws {
        let workflow = try load(Self.files[0])
        #expect(value("on", in: workflow) != nil, "triggers")
        let jobs = try #require(value("jobs", in: workflow))
        #expect(!keys(jobs).isEmpty)
        for name in keys(jobs) {
            let job = try #require(value(name, in: jobs))
            #expect(value("runs-on", in: job) != nil, "\(name) needs runs-on")
            let steps = items(value("steps", in: job))
            #expect(!steps.isEmpty, "\(name) needs steps")
            for step in steps {
                let kinds = ["uses", "run"].filter { value($0, in: step) != nil }
                #expect(kinds.count == 1, "step at line \(step.mark.line): uses or run, \(kinds)")
            }
        }
    }

    /// The shape GitLab reads: every job names one of the declared stages and has a script.
    @Test func theGitLabPipelineHasTheShapeGitLabReads() throws {
        let pipeline = try load(Self.files[1])
        let stages = items(value("stages", in: pipeline)).flatMap(scalars)
        #expect(!stages.isEmpty)
        let reserved: Set = ["image", "stages", "default", "variables", "include", "workflow"]
        let jobs = keys(pipeline).filter { !reserved.contains($0) }
        #expect(jobs.count >= 2, "a check and a publish job")
        for name in jobs {
            let job = try #require(value(name, in: pipeline))
            let stage = value("stage", in: job).map(scalars) ?? []
            #expect(stage.count == 1 && stages.contains(stage[0]), "\(name) names a stage")
            #expect(!items(value("script", in: job)).isEmpty, "\(name) has a script")
        }
    }

    /// Every option a CI command passes is one its `--help` documents, the same help the
    /// README points to.
    @Test(arguments: files)
    func everyOptionIsOneTheCommandDocuments(file: String) throws {
        let commands = scalars(try load(file)).flatMap { $0.split(separator: "\n") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("careportal ") }
        for command in commands {
            let words = command.split(separator: " ").map(String.init)
            let help = runCommand([words[1], "--help"])
            #expect(help.status == .success, "\(words[1]) --help")
            for option in words.dropFirst(2) where option.hasPrefix("--") {
                #expect(help.out.contains(option), "\(file): \(words[1]) \(option) is documented")
            }
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
