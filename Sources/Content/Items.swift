import Foundation

/// Markdown text with the place it came from, so link problems can point at the right line.
public struct MarkdownSource: Sendable, Equatable {
    public var text: String
    /// Content-relative path of the file holding the text.
    public var file: String
    /// The file line of the text's first line.
    public var firstLine: Int
}

/// The kinds of items a client's file holds; the raw value is the folder and URL segment.
public enum ItemKind: String, Sendable, CaseIterable {
    case report = "reports"
    case document = "documents"
    case conversation = "conversations"
    case appointment = "agenda"
}

/// A report by a care worker: `reports/*.md`.
public struct Report: Sendable {
    /// Stable across builds: `reports/<slug>`, derived from the file name.
    public var id: String
    public var slug: String
    public var title: String
    public var date: ContentTime
    public var author: String
    public var body: MarkdownSource
}

/// A document in the client's dossier: a Markdown page or a file to download.
public struct Document: Sendable {
    public enum Body: Sendable {
        case markdown(MarkdownSource)
        /// A file copied as it is; `source` is its content-relative path.
        case file(source: String, fileName: String, bytes: Int, description: String?)
    }

    public var id: String
    public var slug: String
    public var title: String
    public var date: ContentTime?
    public var body: Body
}

/// An appointment from `agenda.yaml`.
public struct Appointment: Sendable {
    public enum Timing: Sendable, Equatable {
        case timed(start: Date, end: Date)
        case allDay(LocalDate)
    }

    /// Stable while the appointment keeps its day and title: `agenda/<date>-<slug>`.
    public var id: String
    public var title: String
    public var timing: Timing
    public var location: String?
    public var with: String?
    public var notes: String?
}

/// A conversation started by care workers: `conversations/*.yaml`.
public struct Conversation: Sendable {
    public struct Message: Sendable {
        public var at: Date
        public var from: String
        public var text: MarkdownSource
    }

    public var id: String
    public var slug: String
    public var title: String
    public var messages: [Message]

    /// Identifies the conversation by its opening message, so renaming the file keeps it.
    public var openingKey: String {
        guard let first = messages.first else { return id }
        return "\(Int(first.at.timeIntervalSince1970))|\(first.from)|\(title)"
    }
}
