import Content
import Fixtures
import Foundation
import Testing

@testable import Site

@Suite struct AgendaTests {
    let strings = Strings(
        language: .nl, table: [:],
        timeZone: TimeZone(identifier: "Europe/Amsterdam")!)

    @Test(arguments: [
        (LocalDate(year: 2026, month: 12, day: 3), "2026-W49", "2026-11-30"),
        (LocalDate(year: 2026, month: 12, day: 28), "2026-W53", "2026-12-28"),
        (LocalDate(year: 2027, month: 1, day: 3), "2026-W53", "2026-12-28"),
        (LocalDate(year: 2027, month: 1, day: 4), "2027-W01", "2027-01-04"),
        (LocalDate(year: 2026, month: 3, day: 29), "2026-W13", "2026-03-23"),
        (LocalDate(year: 2026, month: 10, day: 25), "2026-W43", "2026-10-19"),
    ])
    func isoWeeks(day: LocalDate, week: String, monday: String) {
        let found = strings.week(of: day)
        #expect("\(found)" == week)
        #expect("\(found.monday)" == monday)
    }

    @Test func weeksAcrossDaylightSavingHaveSevenDays() {
        let week = strings.week(of: LocalDate(year: 2026, month: 10, day: 25))
        #expect(strings.days(of: week).map(\.day) == [19, 20, 21, 22, 23, 24, 25])
        #expect(strings.following(week).monday == LocalDate(year: 2026, month: 10, day: 26))
    }

    @Test func daylightSavingInPagesAndCalendar() throws {
        let fixture = try ContentFixture()
        try fixture.write(
            "clients/anna/agenda.yaml",
            """
            - title: Voor de omschakeling
              start: 2026-10-24 10:00
              end: 2026-10-24 11:00
            - title: Na de omschakeling
              start: 2026-10-25 10:00
              end: 2026-10-25 11:00
            - title: Zomertijd begint
              start: 2026-03-29 01:30
              end: 2026-03-29 03:30

            """)
        try fixture.build()
        let week = try fixture.read(site: "clients/anna/agenda/2026-W43.html")
        #expect(week.components(separatedBy: "10:00 – 11:00").count == 3)
        let ics = try fixture.read(site: "clients/anna/agenda.ics")
        #expect(ics.contains("DTSTART:20261024T080000Z"))
        #expect(ics.contains("DTSTART:20261025T090000Z"))
        #expect(ics.contains("DTSTART:20260329T003000Z\r\nDTEND:20260329T013000Z"))
        let spring = try fixture.read(site: "clients/anna/agenda/2026-03-29.html")
        #expect(spring.contains("01:30 – 03:30"))
    }

    @Test func calendarFileFollowsRFC5545() throws {
        let fixture = try ContentFixture()
        let long = String(repeating: "Lange notitie met ëën komma, en; puntkomma. ", count: 4)
        try fixture.write(
            "clients/anna/agenda.yaml",
            """
            - title: Gesprek, thuis
              start: 2026-12-03 10:00
              end: 2026-12-03 11:00
              notes: "\(long)"
            - title: Vrij
              date: 2026-12-31

            """)
        try fixture.build()
        let ics = try fixture.read(site: "clients/anna/agenda.ics")
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.contains("SUMMARY:Gesprek\\, thuis"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101"))
        #expect(ics.contains("UID:anna/agenda/2026-12-03-gesprek-thuis@portaal.example.nl"))
        for line in ics.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75)
            #expect(!line.contains("\n"))
        }
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("ëën komma\\, en\\; puntkomma."))
    }

    @Test func weekPagesCoverEveryWeekBetweenAppointments() throws {
        let fixture = try ContentFixture()
        try fixture.write(
            "clients/anna/agenda.yaml",
            """
            - title: Begin
              date: 2026-11-02
            - title: Eind
              date: 2026-12-01

            """)
        try fixture.build()
        let agenda = fixture.site.appendingPathComponent("clients/anna/agenda")
        let weeks = try FileManager.default.contentsOfDirectory(atPath: agenda.path)
            .filter { $0.contains("-W") }.sorted()
        #expect(
            weeks == [
                "2026-W45.html", "2026-W46.html", "2026-W47.html", "2026-W48.html",
                "2026-W49.html",
            ])
        let empty = try fixture.read(site: "clients/anna/agenda/2026-W47.html")
        #expect(empty.contains("Geen afspraken."))
        #expect(empty.contains("href=\"/clients/anna/agenda/2026-W46.html\""))
        let last = try fixture.read(site: "clients/anna/agenda/2026-W49.html")
        #expect(last.contains("Geen latere weken"))
    }
}
