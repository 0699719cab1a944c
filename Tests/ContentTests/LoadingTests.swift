import Fixtures
import Foundation
import Testing

@testable import Content

/// Loads a fixture the way a build does, returning the clients and every problem.
func load(_ fixture: ContentFixture) -> (portal: Portal?, clients: [Client], problems: [String]) {
    var problems = ProblemList()
    let loader = ContentLoader(root: fixture.content)
    let portal = loader.loadPortal(problems: &problems)
    let reader = TimeReader(timeZone: portal?.timeZone ?? TimeZone(identifier: "UTC")!)
    let clients = loader.clientIDs(problems: &problems).compactMap {
        loader.loadClient($0, timeReader: reader, problems: &problems)
    }
    return (portal, clients, problems.all.sorted().map(\.description))
}

@Suite struct LoadingTests {
    @Test func loadsEveryFileKind() throws {
        let fixture = try ContentFixture()
        try fixture.write("clients/anna/documents/brief.pdf", "%PDF-1.4 test")
        try fixture.write(
            "clients/anna/documents/brief.pdf.yaml",
            "title: Brief\ndate: 2026-10-01\ndescription: Een brief\n")
        let (portal, clients, problems) = load(fixture)
        #expect(problems == [])
        #expect(portal?.organisation == "Stichting Test")
        #expect(portal?.language == .nl)
        #expect(portal?.theme == "default")
        let anna = try #require(clients.first)
        #expect(anna.id == "anna")
        #expect(anna.dossier == "T-001")
        #expect(anna.birthDate == LocalDate(year: 2011, month: 3, day: 4))
        #expect(anna.careWorkers.map(\.name) == ["Bea Smit"])
        #expect(anna.users.map(\.username) == ["ouder.jansen"])
        #expect(anna.reports.map(\.id) == ["reports/2026-11-02-intake"])
        #expect(anna.reports.first?.body.firstLine == 6)
        #expect(anna.documents.map(\.id).sorted() == ["documents/brief-pdf", "documents/plan"])
        #expect(
            anna.appointments.map(\.id) == [
                "agenda/2026-12-03-gesprek",
                "agenda/2026-12-04-studiedag",
            ])
        #expect(anna.conversations.first?.messages.first?.text.text == "Hoe was het weekend?")
        let brief = try #require(anna.documents.first { $0.id == "documents/brief-pdf" })
        guard case .file(_, let name, let bytes, let description) = brief.body else {
            Issue.record("expected a file")
            return
        }
        #expect(name == "brief.pdf")
        #expect(bytes == 13)
        #expect(description == "Een brief")
        #expect(brief.title == "Brief")
    }

    @Test func theExampleContentIsValid() throws {
        let fixture = try ContentFixture.example()
        let (_, clients, problems) = load(fixture)
        #expect(problems == [])
        #expect(clients.count >= 3)
    }

    @Test func idsStayTheSameAcrossLoads() throws {
        let fixture = try ContentFixture()
        let first = load(fixture).clients.flatMap { $0.appointments.map(\.id) }
        let second = load(fixture).clients.flatMap { $0.appointments.map(\.id) }
        #expect(first == second)
    }

    @Test func renamedConversationKeepsItsKey() throws {
        let fixture = try ContentFixture()
        let before = try #require(load(fixture).clients.first?.conversations.first?.openingKey)
        let old = fixture.content.appendingPathComponent(
            "clients/anna/conversations/2026-11-28-weekend.yaml")
        try FileManager.default.moveItem(
            at: old, to: old.deletingLastPathComponent().appendingPathComponent("weekend.yaml"))
        let after = try #require(load(fixture).clients.first?.conversations.first)
        #expect(after.id == "conversations/weekend")
        #expect(after.openingKey == before)
    }
}
