import Fixtures
import Foundation
import Testing

@testable import Site

/// The site is replaced in one step, never half-written, and rebuilt only where content changed.
@Suite struct PublishTests {
    @Test func siteIsALinkToTheNewestBuild() throws {
        let fixture = try ContentFixture()
        try fixture.build()
        let first = try #require(fixture.currentBuild)
        #expect(first.hasPrefix("site.builds/"))
        try fixture.write(
            "clients/anna/reports/2026-11-02-intake.md",
            """
            ---
            title: Intake herzien
            date: 2026-11-02
            author: Bea Smit
            ---
            Nieuw.

            """)
        Thread.sleep(forTimeInterval: 1.1)
        try fixture.build()
        let second = try #require(fixture.currentBuild)
        #expect(second != first)
        #expect(
            try fixture.read(site: "clients/anna/reports/2026-11-02-intake.html")
                .contains("Intake herzien"))
    }

    @Test func failedBuildLeavesThePreviousSite() throws {
        let fixture = try ContentFixture()
        try fixture.build()
        let before = fixture.currentBuild
        let page = try fixture.read(site: "clients/anna/index.html")
        try fixture.write("clients/anna/agenda.yaml", "- title: kapot\n  date: nooit\n")
        #expect(fixture.buildProblems().count == 1)
        #expect(fixture.currentBuild == before)
        #expect(try fixture.read(site: "clients/anna/index.html") == page)
        let builds = try fixture.builds()
        #expect(builds.count == 1)
        #expect(try fixture.objects().count == 1)
    }

    @Test func refusesToReplaceARealFolder() throws {
        let fixture = try ContentFixture()
        try FileManager.default.createDirectory(at: fixture.site, withIntermediateDirectories: true)
        #expect(throws: BuildError.self) { try fixture.build() }
    }

    @Test func unchangedClientsAreLinkedNotRendered() throws {
        let fixture = try ContentFixture()
        try fixture.write("clients/bram/client.yaml", ContentFixture.client)
        #expect(try fixture.build().clientsRendered == 2)
        let bramPage = fixture.site.appendingPathComponent("clients/bram/index.html")
        let annaReport = fixture.site.appendingPathComponent(
            "clients/anna/reports/2026-11-02-intake.html")
        let bramInode = inode(bramPage)
        let annaInode = inode(annaReport)

        try fixture.write(
            "clients/anna/reports/2026-11-02-intake.md",
            """
            ---
            title: Intake
            date: 2026-11-02
            author: Bea Smit
            ---
            Aangepast verslag.

            """)
        let summary = try fixture.build()
        #expect(summary.clientsRendered == 1)
        #expect(inode(bramPage) == bramInode)
        #expect(inode(annaReport) != annaInode)
        #expect(
            try fixture.read(site: "clients/anna/reports/2026-11-02-intake.html")
                .contains("Aangepast verslag."))
        #expect(try fixture.build().clientsRendered == 0)
    }

    @Test func aNewThemeOrSettingRerendersEveryone() throws {
        let fixture = try ContentFixture()
        try fixture.build()
        try fixture.write(
            "portal.yaml",
            ContentFixture.portal.replacingOccurrences(
                of: "Stichting Test", with: "Stichting Anders"))
        #expect(try fixture.build().clientsRendered == 1)
        #expect(try fixture.read(site: "clients/anna/index.html").contains("Stichting Anders"))
    }

    @Test func removedClientDisappears() throws {
        let fixture = try ContentFixture()
        try fixture.write("clients/bram/client.yaml", ContentFixture.client)
        try fixture.build()
        try fixture.remove("clients/bram")
        try fixture.build()
        #expect(
            !FileManager.default.fileExists(
                atPath: fixture.site.appendingPathComponent("clients/bram").path))
        #expect(try Manifest.load(from: fixture.site).clients.map(\.id) == ["anna"])
    }

    @Test func onlyTwoBuildsAreKept() throws {
        let fixture = try ContentFixture()
        for round in 0..<4 {
            try fixture.write(
                "clients/anna/documents/plan.md",
                "---\ntitle: Plan \(round)\ndate: 2026-11-01\n---\nx\n")
            try fixture.build()
        }
        let builds = try fixture.builds()
        #expect(builds.count == 2)
    }

    /// Kills a real build process at many moments; each time the site must be the last good one.
    @Test(.timeLimit(.minutes(5)))
    func killedBuildLeavesTheLastGoodSite() throws {
        let fixture = try ContentFixture(minimal: false)
        try fixture.writeCorpus(clients: 150)
        let started = Date()
        try run(fixture)
        // Kill points spread over a full build's time, however fast this machine is.
        let duration = Date().timeIntervalSince(started)
        var good = try #require(fixture.currentBuild)
        let manifestFile = fixture.site.appendingPathComponent(".careportal/manifest.json")
        var manifest = try Data(contentsOf: manifestFile)
        var organisation = "Stichting Test"
        var interrupted = 0
        try fixture.write(
            "portal.yaml",
            ContentFixture.portal.replacingOccurrences(
                of: "Stichting Test", with: "Stichting Nieuw"))

        for share in [0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9] {
            let process = try start(fixture)
            Thread.sleep(forTimeInterval: share * duration)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .exit { continue }
            if let current = fixture.currentBuild, current != good {
                // Killed after the switch (while clearing old builds): the new site is whole.
                #expect(try Manifest.load(from: fixture.site).clients.count == 150)
                #expect(
                    try fixture.read(site: "clients/client-0149/index.html")
                        .contains("Stichting Nieuw"))
                (good, manifest, organisation) = (
                    current, try Data(contentsOf: manifestFile), "Stichting Nieuw"
                )
                continue
            }
            #expect(try Data(contentsOf: manifestFile) == manifest)
            #expect(
                try fixture.read(site: "clients/client-0149/index.html").contains(organisation))
            interrupted += 1
        }
        #expect(interrupted >= 3, "enough kills landed before the switch")
        try run(fixture)
        #expect(
            try fixture.read(site: "clients/client-0149/index.html")
                .contains("Stichting Nieuw"))
        let builds = try fixture.builds()
        #expect(builds.count == 2)
    }

    private func start(_ fixture: ContentFixture) throws -> Process {
        let process = Process()
        process.executableURL = Executable.careportal
        process.arguments = [
            "build", "--content", fixture.content.path, "--out",
            fixture.site.path, "--themes", ContentFixture.themes.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func run(_ fixture: ContentFixture) throws {
        let process = try start(fixture)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
