import Content
import Foundation
import Mustache

/// The theme's texts in the portal's language, and the dates written the way people read them.
public struct Strings: Sendable {
    public let language: Portal.Language
    public let table: [String: String]
    let calendar: Calendar

    init(language: Portal.Language, table: [String: String], timeZone: TimeZone) {
        self.language = language
        self.table = table
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        self.calendar = calendar
    }

    /// The text for `key`; the theme check guarantees every key used exists.
    public subscript(key: String) -> String {
        table[key] ?? key
    }

    /// The table as a template value, so templates write `{{t.dashboard}}`.
    var value: MustacheValue {
        .object(table.mapValues { .string($0) })
    }

    /// `20 november 2026` / `20 November 2026`.
    func date(_ day: LocalDate) -> String {
        "\(day.day) \(self["month_\(day.month)"]) \(day.year)"
    }

    /// `woensdag 3 december` / `Wednesday 3 December`.
    func weekdayDate(_ day: LocalDate) -> String {
        "\(self["weekday_\(weekday(of: day))"]) \(day.day) \(self["month_\(day.month)"])"
    }

    /// `3 dec` for compact lists.
    func shortDate(_ day: LocalDate) -> String {
        "\(day.day) \(self["month_short_\(day.month)"])"
    }

    /// `14:30`, in the portal's zone.
    func clock(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return "\(Digits.pad(parts.hour ?? 0, 2)):\(Digits.pad(parts.minute ?? 0, 2))"
    }

    /// `20 november 2026, 14:30`, or just the date when no time was given.
    func time(_ time: ContentTime) -> String {
        let day = localDate(time.instant)
        return time.hasTime ? "\(date(day)), \(clock(time.instant))" : date(day)
    }

    func localDate(_ instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// ISO weekday: Monday is 1, Sunday is 7.
    func weekday(of day: LocalDate) -> Int {
        guard let instant = noon(day) else { return 1 }
        let sundayFirst = calendar.component(.weekday, from: instant)
        return sundayFirst == 1 ? 7 : sundayFirst - 1
    }

    /// Midday of a local day: a safe anchor for calendar arithmetic across daylight saving.
    func noon(_ day: LocalDate) -> Date? {
        calendar.date(
            from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))
    }

    func adding(days: Int, to day: LocalDate) -> LocalDate {
        guard let anchor = noon(day),
            let moved = calendar.date(byAdding: .day, value: days, to: anchor)
        else { return day }
        return localDate(moved)
    }
}

/// The keys every language file must have beyond those the templates use.
enum RequiredStrings {
    static var keys: [String] {
        (1...12).map { "month_\($0)" } + (1...12).map { "month_short_\($0)" }
            + (1...7).map { "weekday_\($0)" }
    }
}
