import CLI
import Fixtures
import Foundation
import Synchronization
import Testing

/// Runs the command line in-process, capturing what it prints.
func runCommand(_ words: [String]) -> (status: CommandStatus, out: String, err: String) {
    let out = Mutex("")
    let err = Mutex("")
    let console = Console(
        out: { text in out.withLock { $0 += text + "\n" } },
        err: { text in err.withLock { $0 += text + "\n" } })
    let status = CareportalCommand.run(words, console: console)
    return (status, out.withLock { $0 }, err.withLock { $0 })
}

@Suite struct CommandTests {
    @Test func helpListsTheCommands() {
        let result = runCommand(["--help"])
        #expect(result.status == .success)
        #expect(result.out.contains("check"))
        #expect(result.out.contains("build"))
        #expect(runCommand(["build", "--help"]).out.contains("--out DIR"))
    }

    @Test func unknownCommandSuggestsTheRightOne() {
        let result = runCommand(["biuld"])
        #expect(result.status == .usage)
        #expect(result.err.contains("Did you mean 'build'?"))
    }

    @Test func unknownOptionSuggestsTheRightOne() {
        let result = runCommand(["check", "--contnet", "x"])
        #expect(result.status == .usage)
        #expect(result.err.contains("did you mean --content?"))
    }

    @Test func checkReportsProblemsWithPathsAsTyped() throws {
        let fixture = try ContentFixture()
        try fixture.write("clients/anna/agenda.yaml", "- title: x\n  date: morgen\n")
        let result = runCommand([
            "check", "--content", fixture.content.path,
            "--themes", ContentFixture.themes.path,
        ])
        #expect(result.status == .contentProblems)
        #expect(result.err.contains("\(fixture.content.path)/clients/anna/agenda.yaml:2:9: "))
        #expect(result.err.contains("1 problem found; nothing was published."))
    }

    @Test func checkSpeaksGitHubAnnotations() throws {
        let fixture = try ContentFixture()
        try fixture.write("clients/anna/agenda.yaml", "- title: x\n  date: morgen\n")
        let result = runCommand(
            [
                "check", "--content", "content-repo", "--themes", ContentFixture.themes.path,
                "--format", "github",
            ].map { $0 == "content-repo" ? fixture.content.path : $0 })
        #expect(result.status == .contentProblems)
        let line = try #require(result.out.split(separator: "\n").first)
        #expect(
            line.hasPrefix(
                "::error file=\(fixture.content.path)/clients/anna/agenda.yaml,line=2,col=9,"))
        #expect(line.contains("::'date' must be"))
        #expect(!line.dropFirst(2).contains("\n"))
    }

    @Test func checkWritesAGitLabCodeQualityReport() throws {
        let fixture = try ContentFixture()
        try fixture.write("clients/anna/agenda.yaml", "- title: x\n  date: morgen\n")
        let result = runCommand([
            "check", "--content", fixture.content.path, "--themes", ContentFixture.themes.path,
            "--format", "gitlab",
        ])
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        #expect(report.count == 1)
        let location = try #require(report.first?["location"] as? [String: Any])
        #expect((location["path"] as? String)?.hasSuffix("clients/anna/agenda.yaml") == true)
        #expect((location["lines"] as? [String: Any])?["begin"] as? Int == 2)
        #expect((report.first?["fingerprint"] as? String)?.count == 64)
        #expect(runCommand(["check", "--format", "xml"]).status == .usage)
    }

    @Test func checkOfTheExampleContentPasses() {
        let result = runCommand([
            "check", "--content", ContentFixture.exampleContent.path,
            "--themes", ContentFixture.themes.path,
        ])
        #expect(result.status == .success)
        #expect(result.out.contains("no problems"))
    }
}
