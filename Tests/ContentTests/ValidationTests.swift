import Fixtures
import Foundation
import Testing

@testable import Content

/// Each broken file gives exactly the problem a care worker needs, at the right place.
@Suite struct ValidationTests {
    func problems(writing path: String, _ text: String) throws -> [String] {
        let fixture = try ContentFixture()
        try fixture.write(path, text)
        return load(fixture).problems
    }

    @Test func badYAMLIsPositioned() throws {
        let found = try problems(writing: "clients/anna/agenda.yaml", "- title: x\n  start: [\n")
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("clients/anna/agenda.yaml:3:1: invalid YAML"))
    }

    @Test func missingField() throws {
        let found = try problems(
            writing: "clients/anna/reports/r.md",
            "---\ntitle: R\nauthor: Bea Smit\n---\ntext\n")
        #expect(found == ["clients/anna/reports/r.md:2:1: missing field 'date'; add 'date: …'"])
    }

    @Test func unknownFieldNamesTheKnownOnes() throws {
        let found = try problems(
            writing: "clients/anna/reports/r.md",
            "---\ntitle: R\ndate: 2026-01-01\nauthor: Bea Smit\ntitel: x\n---\n")
        #expect(
            found == [
                "clients/anna/reports/r.md:5:1: unknown field 'titel'; the fields here are: "
                    + "author, date, title"
            ])
    }

    @Test func badDate() throws {
        let found = try problems(
            writing: "clients/anna/reports/r.md",
            "---\ntitle: R\ndate: 2026-02-30\nauthor: Bea Smit\n---\n")
        #expect(
            found == [
                "clients/anna/reports/r.md:3:7: 'date' must be a date (YYYY-MM-DD) or date and "
                    + "time "
                    + "(YYYY-MM-DD HH:MM), not '2026-02-30'"
            ])
    }

    @Test func endBeforeStart() throws {
        let found = try problems(
            writing: "clients/anna/agenda.yaml",
            """
            - title: Gesprek
              start: 2026-12-03 10:00
              end: 2026-12-03 09:00
            """)
        #expect(found == ["clients/anna/agenda.yaml:3:8: 'end' must be after 'start'"])
    }

    @Test func nonexistentLocalTimeInSpring() throws {
        let found = try problems(
            writing: "clients/anna/agenda.yaml",
            """
            - title: Nacht
              start: 2026-03-29 02:30
              end: 2026-03-29 04:00
            """)
        #expect(found.count == 1)
        #expect(
            found[0].hasPrefix(
                "clients/anna/agenda.yaml:2:10: '2026-03-29 02:30' does not "
                    + "exist in Europe/Amsterdam"))
    }

    @Test func badClientID() throws {
        let found = try problems(writing: "clients/Anna_B/client.yaml", ContentFixture.client)
        #expect(
            found == [
                "clients/Anna_B:1:1: 'Anna_B' is not a valid client id: use lowercase letters, "
                    + "digits and dashes, such as 'sanne-de-vries'"
            ])
    }

    @Test func badEmail() throws {
        let text = ContentFixture.client.replacingOccurrences(
            of: "petra@example.nl",
            with: "petra@example")
        let found = try problems(writing: "clients/anna/client.yaml", text)
        #expect(
            found == [
                "clients/anna/client.yaml:11:12: 'petra@example' is not a valid e-mail address "
                    + "(name@domain.tld)"
            ])
    }

    @Test func authorMustBeACareWorker() throws {
        let found = try problems(
            writing: "clients/anna/reports/r.md",
            "---\ntitle: R\ndate: 2026-01-01\nauthor: Onbekend\n---\n")
        #expect(
            found == [
                "clients/anna/reports/r.md:4:9: author 'Onbekend' is not one of this client's "
                    + "care_workers (Bea Smit)"
            ])
    }

    @Test func conversationSenderMustBeACareWorker() throws {
        let found = try problems(
            writing: "clients/anna/conversations/x.yaml",
            """
            title: X
            messages:
              - at: 2026-11-28 09:15
                from: Iemand
                text: Hallo
            """)
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("clients/anna/conversations/x.yaml:4:11: 'Iemand' is not one"))
    }

    @Test func invalidUTF8IsPositioned() throws {
        let fixture = try ContentFixture()
        var bytes = Array("---\ntitle: R\n".utf8)
        bytes += [0x61, 0xff, 0x62]
        try fixture.write("clients/anna/reports/r.md", data: Data(bytes))
        #expect(
            load(fixture).problems == [
                "clients/anna/reports/r.md:3:2: the file is not valid UTF-8 text; save it as UTF-8"
            ])
    }

    @Test func enormousFilesAreRefused() throws {
        let big = String(repeating: "a", count: 6 * 1024 * 1024)
        let found = try problems(writing: "clients/anna/reports/big.md", big)
        #expect(found.count == 1)
        #expect(found[0].contains("text files may be at most 5 MiB"))
    }

    /// A sparse file of 8 GiB costs nothing on disk; read whole, it would take the memory.
    @Test func aFileOfGigabytesIsRefusedUnread() throws {
        let fixture = try ContentFixture()
        try fixture.write("clients/anna/reports/huge.md", "")
        let file = try FileHandle(
            forWritingTo: fixture.content.appendingPathComponent("clients/anna/reports/huge.md"))
        try file.truncate(atOffset: 8 << 30)
        try file.close()
        let found = load(fixture).problems
        #expect(found.count == 1)
        #expect(found.first?.contains("the file is 8192 MiB") == true, "\(found)")
    }

    @Test(arguments: [
        "5477-+1-19", "+025-10-20", "2026-+1-+5", "2026-12-03 +1:30", "2026-12-03 10:30+-1:00",
    ])
    func signsInsideDatesAndTimesAreRefused(date: String) throws {
        let found = try problems(
            writing: "clients/anna/reports/r.md",
            "---\ntitle: R\ndate: \(date)\nauthor: Bea Smit\n---\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("clients/anna/reports/r.md:3:7: 'date' must be") == true)
    }

    @Test func wrongTypes() throws {
        let found = try problems(writing: "clients/anna/agenda.yaml", "title: not a list\n")
        #expect(
            found == [
                "clients/anna/agenda.yaml:1:1: agenda.yaml must be a list of appointments, "
                    + "each starting with '- '"
            ])
    }

    @Test func deeplyNestedYAML() throws {
        let deep =
            "title: " + String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        let found = try problems(writing: "clients/anna/conversations/x.yaml", deep)
        #expect(found.count == 1)
        #expect(found[0].contains("nested more than 64 levels deep"))
    }

    @Test func missingFrontMatter() throws {
        let found = try problems(writing: "clients/anna/reports/r.md", "# Just text\n")
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("clients/anna/reports/r.md:1:1: the file must start with"))
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let fixture = try ContentFixture()
        try fixture.write("clients/anna/reports/a.md", "---\ntitle: A\n---\n")
        try fixture.write("clients/anna/reports/b.md", "---\ndate: 2026-01-01\n---\n")
        try fixture.write("clients/anna/agenda.yaml", "- title: x\n  date: gisteren\n")
        #expect(load(fixture).problems.count == 5)
    }

    @Test func sidecarWithoutFile() throws {
        let found = try problems(writing: "clients/anna/documents/weg.pdf.yaml", "title: Weg\n")
        #expect(found.count == 1)
        #expect(found[0].contains("which is not in documents/"))
    }

    @Test func timeReaderHandlesDaylightSaving() throws {
        let reader = TimeReader(timeZone: try #require(TimeZone(identifier: "Europe/Amsterdam")))
        let winter = try reader.time("2026-12-03 10:00").get()
        let summer = try reader.time("2026-07-03 10:00").get()
        #expect(
            winter.instant.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
                == 9 * 3600)
        #expect(
            summer.instant.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
                == 8 * 3600)
        let offset = try reader.time("2026-12-03T10:00+00:00").get()
        #expect(offset.instant.timeIntervalSince(winter.instant) == 3600)
        #expect(
            reader.localDate(of: try reader.time("2026-10-25 23:30").get().instant)
                == LocalDate(year: 2026, month: 10, day: 25))
    }
}
