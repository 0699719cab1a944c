import Content
import Foundation

/// Writes a client's appointments as an iCalendar file (RFC 5545) that calendar apps import.
///
/// Timed appointments are written in UTC, so no VTIMEZONE block is needed and every app places
/// them right across daylight saving; all-day ones are plain dates.
enum ICalendar {
    static func document(for client: Client, portal: Portal) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//careportal//\(escape(portal.organisation))//NL",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(escape(client.name))",
        ]
        let host = URL(string: portal.baseURL)?.host ?? "careportal"
        for appointment in client.appointments {
            lines += event(appointment, clientID: client.id, host: host)
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    private static func event(
        _ appointment: Appointment, clientID: String,
        host: String
    ) -> [String] {
        var lines = ["BEGIN:VEVENT", "UID:\(clientID)/\(appointment.id)@\(host)"]
        switch appointment.timing {
        case .timed(let start, let end):
            // DTSTAMP must be present; the start keeps the file the same from build to build.
            lines += ["DTSTAMP:\(utc(start))", "DTSTART:\(utc(start))", "DTEND:\(utc(end))"]
        case .allDay(let day):
            let next = nextDay(day)
            lines += [
                "DTSTAMP:\(compact(day))T000000Z", "DTSTART;VALUE=DATE:\(compact(day))",
                "DTEND;VALUE=DATE:\(compact(next))",
            ]
        }
        lines.append("SUMMARY:\(escape(appointment.title))")
        if let location = appointment.location { lines.append("LOCATION:\(escape(location))") }
        var notes: [String] = []
        if let with = appointment.with { notes.append(with) }
        if let text = appointment.notes { notes.append(text) }
        if !notes.isEmpty { lines.append("DESCRIPTION:\(escape(notes.joined(separator: "\n")))") }
        lines.append("END:VEVENT")
        return lines
    }

    private static func utc(_ instant: Date) -> String {
        UTCStamp.compact(instant)
    }

    private static func compact(_ day: LocalDate) -> String {
        "\(Digits.pad(day.year, 4))\(Digits.pad(day.month, 2))\(Digits.pad(day.day, 2))"
    }

    private static func nextDay(_ day: LocalDate) -> LocalDate {
        if day.day < LocalDate.daysIn(month: day.month, year: day.year) {
            return LocalDate(year: day.year, month: day.month, day: day.day + 1)
        }
        if day.month < 12 { return LocalDate(year: day.year, month: day.month + 1, day: 1) }
        return LocalDate(year: day.year + 1, month: 1, day: 1)
    }

    /// TEXT escaping of RFC 5545 section 3.3.11.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 sequence (section 3.1).
    static func fold(_ line: String) -> String {
        var out = ""
        var width = 0
        for character in line {
            let size = String(character).utf8.count
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.append(character)
            width += size
        }
        return out
    }
}
