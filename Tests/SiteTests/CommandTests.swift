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

    @Test func checkOfTheExampleContentPasses() {
        let result = runCommand([
            "check", "--content", ContentFixture.exampleContent.path,
            "--themes", ContentFixture.themes.path,
        ])
        #expect(result.status == .success)
        #expect(result.out.contains("no problems"))
    }
}
