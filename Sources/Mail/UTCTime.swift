import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A moment split into UTC calendar fields with the C library's gmtime_r, which ignores
/// locale and time zone settings.
struct UTCTime: Sendable, Equatable {
    let year: Int
    let month: Int
    let day: Int
    let weekday: Int
    let hour: Int
    let minute: Int
    let second: Int
    let millisecond: Int

    /// Nil for dates that RFC 5322 cannot express here: before 1970 or after 9999.
    init?(_ date: Date) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= 0, seconds < 253_402_300_800 else { return nil }

        var time = time_t(seconds)
        var fields = tm()
        guard gmtime_r(&time, &fields) != nil else { return nil }

        year = Int(fields.tm_year) + 1900
        month = Int(fields.tm_mon) + 1
        day = Int(fields.tm_mday)
        weekday = Int(fields.tm_wday)
        hour = Int(fields.tm_hour)
        minute = Int(fields.tm_min)
        second = Int(fields.tm_sec)
        millisecond = min(999, Int((date.timeIntervalSince1970 - seconds) * 1000))
    }

    /// `Thu, 03 Dec 2026 16:20:00 +0000` (RFC 5322 section 3.3), with English names always.
    var rfc5322: String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun",
            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        return "\(days[weekday]), \(pad(day)) \(months[month - 1]) \(year) "
            + "\(pad(hour)):\(pad(minute)):\(pad(second)) +0000"
    }

    /// `20261203T162000.123Z`: sorts in time order as text, so it starts outbox file names.
    var sortable: String {
        "\(year)\(pad(month))\(pad(day))T\(pad(hour))\(pad(minute))\(pad(second))"
            + ".\(pad(millisecond, width: 3))Z"
    }

    private func pad(_ value: Int, width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
