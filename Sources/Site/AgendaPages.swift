import Content
import Foundation
import Mustache

/// The agenda of one client: an overview, a page per week, a page per day with appointments,
/// and for each week a fragment the server shows on the dashboard when that week is "now".
///
/// Which week is "this week" is decided by the server at request time, so the pages stay right
/// on any day without a rebuild; the build only makes every week from the first appointment to
/// the last.
struct AgendaPages {
    let context: PageContext
    let range: ClosedRange<Week>?
    private let byDay: [LocalDate: [Appointment]]

    private var strings: Strings { context.strings }
    private var base: String { "\(context.base)/agenda" }

    init(context: PageContext) {
        self.context = context
        let strings = context.strings
        let sorted = context.client.appointments.sorted { lhs, rhs in
            (Self.sortKey(lhs, strings), lhs.id) < (Self.sortKey(rhs, strings), rhs.id)
        }
        byDay = Dictionary(grouping: sorted) { strings.day(of: $0) }
        let days = byDay.keys.sorted()
        if let first = days.first, let last = days.last {
            range = strings.week(of: first)...strings.week(of: last)
        } else {
            range = nil
        }
    }

    /// All-day appointments first, then by start time.
    private static func sortKey(_ appointment: Appointment, _ strings: Strings) -> Date {
        switch appointment.timing {
        case .allDay(let day):
            return strings.noon(day).map { $0.addingTimeInterval(-86_400) }
                ?? .distantPast
        case .timed(let start, _): return start
        }
    }

    static func weekPath(_ week: Week) -> String { "agenda/\(week).html" }

    func pages() -> [OutputFile] {
        var files = context.page(
            "agenda/index.html", template: "agenda",
            title: strings["nav_agenda"], section: "agenda",
            data: overview())
        guard let range else { return files }
        let weeks = strings.weeks(from: range.lowerBound, through: range.upperBound)
        for week in weeks {
            files += context.page(
                Self.weekPath(week), template: "week", title: weekTitle(week),
                section: "agenda", data: weekData(week))
        }
        let days = byDay.keys.sorted()
        for (index, day) in days.enumerated() {
            let previous = index > 0 ? days[index - 1] : nil
            let next = index + 1 < days.count ? days[index + 1] : nil
            files += context.page(
                "agenda/\(day).html", template: "day",
                title: strings.weekdayDate(day), section: "agenda",
                data: dayData(day, previous: previous, next: next))
        }
        return files
    }

    private func weekTitle(_ week: Week) -> String {
        "\(strings["week"]) \(week.number)"
    }

    private func weekURL(_ week: Week) -> String? {
        guard let range, range.contains(week) else { return nil }
        return "\(context.base)/\(Self.weekPath(week))"
    }

    private func overview() -> [String: MustacheValue] {
        guard let range else { return ["weeks": .list([]), "has_weeks": .bool(false)] }
        let weeks = strings.weeks(from: range.lowerBound, through: range.upperBound)
        let listed = weeks.compactMap { week -> MustacheValue? in
            let count = strings.days(of: week).reduce(0) { $0 + (byDay[$1]?.count ?? 0) }
            guard count > 0 else { return nil }
            return .object([
                "id": .string("\(week)"), "label": .string(weekTitle(week)),
                "dates": .string(span(week)), "url": .string(weekURL(week) ?? ""),
                "count": .number(Double(count)),
            ])
        }
        return ["weeks": .list(listed), "has_weeks": .bool(!listed.isEmpty)]
    }

    /// `30 november – 6 december 2026`.
    private func span(_ week: Week) -> String {
        let sunday = strings.adding(days: 6, to: week.monday)
        let first =
            week.monday.year == sunday.year
            ? "\(week.monday.day) \(strings["month_\(week.monday.month)"])"
            : strings.date(week.monday)
        return "\(first) – \(strings.date(sunday))"
    }

    private func weekData(_ week: Week) -> [String: MustacheValue] {
        let days = strings.days(of: week).map { day -> MustacheValue in
            let appointments = byDay[day] ?? []
            var values: [String: MustacheValue] = [
                "label": .string(strings.weekdayDate(day)), "date_iso": .string("\(day)"),
                "appointments": .list(appointments.map(appointment)),
                "is_empty": .bool(appointments.isEmpty),
            ]
            if !appointments.isEmpty { values["url"] = .string("\(base)/\(day).html") }
            return .object(values)
        }
        var values: [String: MustacheValue] = [
            "id": .string("\(week)"), "label": .string(weekTitle(week)),
            "dates": .string(span(week)), "days": .list(days),
        ]
        if let url = weekURL(strings.following(week, by: -1)) {
            values["previous_url"] = .string(url)
        }
        if let url = weekURL(strings.following(week)) { values["next_url"] = .string(url) }
        return values
    }

    private func dayData(
        _ day: LocalDate, previous: LocalDate?,
        next: LocalDate?
    ) -> [String: MustacheValue] {
        var values: [String: MustacheValue] = [
            "label": .string(strings.weekdayDate(day)), "date_iso": .string("\(day)"),
            "appointments": .list((byDay[day] ?? []).map(appointment)),
            "week_url": .string(weekURL(strings.week(of: day)) ?? "\(base)/"),
        ]
        if let previous { values["previous_url"] = .string("\(base)/\(previous).html") }
        if let next { values["next_url"] = .string("\(base)/\(next).html") }
        return values
    }

    private func appointment(_ appointment: Appointment) -> MustacheValue {
        var values: [String: MustacheValue] = [
            "id": .string(appointment.id), "title": .string(appointment.title),
        ]
        switch appointment.timing {
        case .allDay:
            values["time"] = .string(strings["all_day"])
            values["all_day"] = .bool(true)
        case .timed(let start, let end):
            values["time"] = .string(timeSpan(start, end))
            values["start_iso"] = .string(UTCStamp.iso8601(start))
        }
        if let location = appointment.location { values["location"] = .string(location) }
        if let with = appointment.with { values["with"] = .string(with) }
        if let notes = appointment.notes { values["notes"] = .string(notes) }
        values["day"] = .string(strings.weekdayDate(strings.day(of: appointment)))
        return .object(values)
    }

    /// `10:00 – 11:00`, naming the end day when it ends on another day.
    private func timeSpan(_ start: Date, _ end: Date) -> String {
        let endDay = strings.localDate(end)
        let sameDay = strings.localDate(start) == endDay
        let endText =
            sameDay ? strings.clock(end) : "\(strings.shortDate(endDay)) \(strings.clock(end))"
        return "\(strings.clock(start)) – \(endText)"
    }

    /// The dashboard's "this week" list for every week, by week: the server shows the one of
    /// the current week.
    func fragments() -> [String: String] {
        guard let range else { return [:] }
        var fragments: [String: String] = [:]
        for week in strings.weeks(from: range.lowerBound, through: range.upperBound) {
            let appointments = strings.days(of: week).flatMap { byDay[$0] ?? [] }
            fragments["\(week)"] = context.render(
                "this-week",
                [
                    "appointments": .list(appointments.map(appointment)),
                    "has_appointments": .bool(!appointments.isEmpty),
                    "week_url": .string(weekURL(week) ?? "\(base)/"),
                ])
        }
        return fragments
    }
}
