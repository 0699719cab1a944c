import YAML

/// Reads the appointments of `agenda.yaml`.
struct AgendaReader {
    let file: String
    let reader: TimeReader
    private var ids: Set<String> = []

    init(file: String, reader: TimeReader) {
        self.file = file
        self.reader = reader
    }

    mutating func appointment(_ node: Node, problems: inout ProblemList) -> Appointment? {
        guard var fields = Fields(node, file: file, what: "each appointment", problems: &problems)
        else { return nil }
        let title = fields.text("title")
        let location = fields.text("location", required: false)
        let with = fields.text("with", required: false)
        let notes = fields.text("notes", required: false)
        let timing = decodeTiming(&fields)
        problems.add(contentsOf: fields.finish())
        guard let title, let timing else { return nil }
        let id = uniqueID(day: day(of: timing), title: title)
        return Appointment(
            id: id, title: title, timing: timing, location: location,
            with: with, notes: notes)
    }

    private func day(of timing: Appointment.Timing) -> LocalDate {
        switch timing {
        case .allDay(let date): return date
        case .timed(let start, _): return reader.localDate(of: start)
        }
    }

    /// `agenda/<day>-<slug of title>`, with a counter when the same title recurs that day.
    private mutating func uniqueID(day: LocalDate, title: String) -> String {
        let stem = "agenda/\(day)-\(Identifier.slug(title))"
        var id = stem
        var counter = 2
        while !ids.insert(id).inserted {
            id = "\(stem)-\(counter)"
            counter += 1
        }
        return id
    }

    private func decodeTiming(_ fields: inout Fields) -> Appointment.Timing? {
        let hasDate = fields.value("date") != nil
        let hasStart = fields.value("start") != nil || fields.value("end") != nil
        if hasDate && hasStart {
            fields.problem(
                "an appointment has either 'date' (all day) or 'start' and 'end', "
                    + "not both")
            return nil
        }
        if hasDate {
            return fields.localDate("date").map { .allDay($0) }
        }
        let start = fields.time("start", reader: reader)
        let end = fields.time("end", reader: reader)
        guard let start, let end else { return nil }
        if !start.hasTime || !end.hasTime {
            fields.problem(
                "'start' and 'end' need a time (YYYY-MM-DD HH:MM); for an all-day "
                    + "appointment write 'date' instead")
            return nil
        }
        guard end.instant > start.instant else {
            if let node = fields.value("end") {
                fields.problem("'end' must be after 'start'", at: node)
            }
            return nil
        }
        return .timed(start: start.instant, end: end.instant)
    }
}
