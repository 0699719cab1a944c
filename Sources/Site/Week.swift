import Content
import Foundation

/// An ISO 8601 week, Monday to Sunday, as the Dutch calendar counts them.
public struct Week: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var number: Int
    public var monday: LocalDate

    /// `2026-W49`: the form used in URLs and file names.
    public var description: String { "\(Digits.pad(year, 4))-W\(Digits.pad(number, 2))" }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.monday < rhs.monday }
}

extension Strings {
    /// The week a day falls in.
    func week(of day: LocalDate) -> Week {
        let monday = adding(days: 1 - weekday(of: day), to: day)
        let anchor = noon(monday) ?? Date(timeIntervalSince1970: 0)
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: anchor)
        return Week(
            year: parts.yearForWeekOfYear ?? monday.year, number: parts.weekOfYear ?? 1,
            monday: monday)
    }

    func days(of week: Week) -> [LocalDate] {
        (0..<7).map { adding(days: $0, to: week.monday) }
    }

    func following(_ week: Week, by count: Int = 1) -> Week {
        self.week(of: adding(days: 7 * count, to: week.monday))
    }

    /// Every week from `first` to `last`, both included.
    func weeks(from first: Week, through last: Week) -> [Week] {
        var weeks: [Week] = []
        var current = first
        while current <= last {
            weeks.append(current)
            current = following(current)
        }
        return weeks
    }

    /// The local day an appointment is listed on.
    func day(of appointment: Appointment) -> LocalDate {
        switch appointment.timing {
        case .allDay(let date): return date
        case .timed(let start, _): return localDate(start)
        }
    }
}
