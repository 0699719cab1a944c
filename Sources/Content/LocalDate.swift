import Foundation

/// A calendar day with no time and no zone: a birth date, an all-day appointment.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`, the form used in files and URLs.
    public var description: String {
        "\(Digits.pad(year, 4))-\(Digits.pad(month, 2))-\(Digits.pad(day, 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Parses `YYYY-MM-DD` and checks the day exists (no 31 April, 29 February only in leap years).
    public init?(parsing text: Substring) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Digits.value(parts[0]), let month = Digits.value(parts[1]),
            let day = Digits.value(parts[2]),
            (1...12).contains(month), day >= 1,
            day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A point in time as written in content, with the local day it falls on.
public struct ContentTime: Sendable, Hashable, Comparable {
    /// The absolute moment.
    public var instant: Date
    /// Whether the text gave a time of day; a report dated `2026-11-20` has none.
    public var hasTime: Bool

    public init(instant: Date, hasTime: Bool) {
        self.instant = instant
        self.hasTime = hasTime
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.instant < rhs.instant }
}

/// Reads the date and time forms allowed in content, in the portal's time zone.
///
/// Accepted: `2026-12-03`, `2026-12-03 14:30`, `2026-12-03T14:30`, optional `:ss`, and an
/// optional offset (`Z`, `+01:00`). Without an offset the time is local to the portal, so
/// daylight saving is applied by the time zone rules, and a local time that does not exist
/// (the hour skipped in spring) is refused rather than silently moved.
public struct TimeReader: Sendable {
    public let calendar: Calendar

    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        self.calendar = calendar
    }

    public enum Failure: Error, Equatable {
        case malformed
        case nonexistentLocalTime
    }

    public func time(_ text: String) -> Result<ContentTime, Failure> {
        let trimmed = text.trimmed
        guard trimmed.count >= 10, let date = LocalDate(parsing: trimmed.prefix(10)) else {
            return .failure(.malformed)
        }
        let rest = trimmed.dropFirst(10)
        if rest.isEmpty {
            return startOfDay(date).map { ContentTime(instant: $0, hasTime: false) }
        }
        guard let separator = rest.first, separator == " " || separator == "T" else {
            return .failure(.malformed)
        }
        return clock(date, rest.dropFirst())
    }

    /// The first instant of `date` in the portal's zone.
    public func startOfDay(_ date: LocalDate) -> Result<Date, Failure> {
        let components = DateComponents(year: date.year, month: date.month, day: date.day)
        guard let instant = calendar.date(from: components) else { return .failure(.malformed) }
        return .success(calendar.startOfDay(for: instant))
    }

    /// The local day an instant falls on in the portal's zone.
    public func localDate(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    private func clock(_ date: LocalDate, _ text: Substring) -> Result<ContentTime, Failure> {
        let (clockText, offset) = splitOffset(text)
        guard let offsetSeconds = offset else { return .failure(.malformed) }
        let fields = clockText.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields.allSatisfy({ $0.count == 2 }),
            let hour = Digits.value(fields[0]), let minute = Digits.value(fields[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return .failure(.malformed) }
        let second = fields.count == 3 ? Digits.value(fields[2]) ?? 99 : 0
        guard (0...59).contains(second) else { return .failure(.malformed) }

        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day,
            hour: hour, minute: minute, second: second)
        if let fixed = offsetSeconds.value {
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
            guard let instant = utc.date(from: parts) else { return .failure(.malformed) }
            return .success(ContentTime(instant: instant.addingTimeInterval(-fixed), hasTime: true))
        }
        return localInstant(parts)
    }

    /// A local wall-clock time: refused when daylight saving skips it.
    private func localInstant(_ parts: DateComponents) -> Result<ContentTime, Failure> {
        guard let instant = calendar.date(from: parts) else { return .failure(.malformed) }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        guard back.hour == parts.hour, back.minute == parts.minute, back.day == parts.day else {
            return .failure(.nonexistentLocalTime)
        }
        return .success(ContentTime(instant: instant, hasTime: true))
    }

    private struct Offset { var value: Double? }

    /// Splits `14:30+01:00` into the clock and an offset; nil offset means a malformed one.
    private func splitOffset(_ text: Substring) -> (Substring, Offset?) {
        if text.hasSuffix("Z") { return (text.dropLast(), Offset(value: 0)) }
        guard let signIndex = text.lastIndex(where: { $0 == "+" || $0 == "-" }) else {
            return (text, Offset(value: nil))
        }
        let sign: Double = text[signIndex] == "-" ? -1 : 1
        let parts = text[text.index(after: signIndex)...].split(separator: ":")
        guard parts.count == 2, let hours = Digits.value(parts[0]),
            let minutes = Digits.value(parts[1]),
            hours <= 14, minutes < 60
        else { return (text, nil) }
        let seconds = sign * Double(hours * 3600 + minutes * 60)
        return (text[..<signIndex], Offset(value: seconds))
    }
}

/// Zero-padded numbers without `String(format:)`, which is slow on Linux's Foundation.
public enum Digits {
    /// The number written in `text` with ASCII digits only. Not `Int(_:)`, which also takes a
    /// sign: `2026-+1-05` would pass as a date (found by fuzz/FrontMatterFuzz).
    public static func value(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }

    public static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
