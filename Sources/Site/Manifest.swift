import Content
import Foundation

/// What the server needs to know about a build, written to `.careportal/manifest.json`.
///
/// The server reads this and the pages, never `content/`: the two flows meet only here. The
/// folder starts with a dot, and the server never serves dot-paths.
public struct Manifest: Codable, Sendable, Equatable {
    public static let folder = ".careportal"
    public static let file = "manifest.json"
    public static let currentVersion = 1

    public var version: Int
    public var portal: PortalEntry
    public var users: [UserEntry]
    public var clients: [ClientEntry]

    public struct PortalEntry: Codable, Sendable, Equatable {
        public var organisation: String
        public var issuer: String
        public var baseURL: String
        public var language: String
        public var timeZone: String
        public var theme: String
        public var mailFrom: String?
        public var smtp: String?
        /// `mail.every_message`: mail for each new message, not only for a new conversation.
        public var mailEveryMessage: Bool?
    }

    /// A portal account and the clients it may see.
    public struct UserEntry: Codable, Sendable, Equatable {
        public var username: String
        public var name: String
        public var email: String
        public var clients: [String]
    }

    public struct ClientEntry: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var items: [ItemEntry]
        public var conversations: [ConversationEntry]
        /// The first and last week with agenda pages, `2026-W47`; nil without appointments.
        public var firstWeek: String?
        public var lastWeek: String?
    }

    /// A document, report or conversation: the things that can be unread.
    public struct ItemEntry: Codable, Sendable, Equatable {
        public var id: String
        public var kind: String
        public var title: String
        /// ISO 8601 in UTC; nil for an undated file.
        public var date: String?
        public var url: String
    }

    /// A conversation with the times of its messages, so the server can tell a new message.
    public struct ConversationEntry: Codable, Sendable, Equatable {
        public var id: String
        /// Stays the same when the file is renamed: the opening message and title.
        public var key: String
        public var title: String
        public var messageTimes: [String]
    }
}

extension Manifest {
    public static func load(from site: URL) throws -> Manifest {
        let url = site.appendingPathComponent(folder).appendingPathComponent(file)
        return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
    }

    /// The manifest from its parts, each client's entry encoded by its own build task.
    ///
    /// Encoding a thousand clients' entries in one place took a third of a second after every
    /// other core had finished; the pieces are joined instead. The text is what `JSONEncoder`
    /// with sorted keys writes for the whole manifest, which the tests check.
    static func assemble(
        portal: PortalEntry, users: [UserEntry], clientEntries: [[UInt8]]
    ) throws -> [UInt8] {
        var bytes = Array(#"{"clients":["#.utf8)
        for (index, entry) in clientEntries.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += entry
        }
        bytes += Array(#"],"portal":"#.utf8) + (try JSONPieces.encode(portal))
        bytes += Array(#","users":"#.utf8) + (try JSONPieces.encode(users))
        bytes += Array(#","version":\#(currentVersion)}"#.utf8)
        return bytes
    }

    static func entry(for portal: Portal) -> PortalEntry {
        PortalEntry(
            organisation: portal.organisation, issuer: portal.issuer,
            baseURL: portal.baseURL, language: portal.language.rawValue,
            timeZone: portal.timeZone.identifier, theme: portal.theme,
            mailFrom: portal.mail?.from, smtp: portal.mail?.smtp,
            mailEveryMessage: portal.mail?.everyMessage)
    }

    /// Gathers each person's clients: a username under several clients is one person.
    static func users(from records: [ClientRecord]) -> [UserEntry] {
        var byName: [String: UserEntry] = [:]
        for record in records {
            for user in record.users {
                var entry =
                    byName[user.username]
                    ?? UserEntry(
                        username: user.username, name: user.name, email: user.email,
                        clients: [])
                entry.clients.append(record.entry.id)
                byName[user.username] = entry
            }
        }
        return byName.values.sorted { $0.username < $1.username }
    }
}

/// What the server needs of the theme: its language's strings and the asset URLs. The
/// server's templates sit beside it in `.careportal/server/`.
public struct ServerTheme: Codable, Sendable {
    public static let file = "server/theme.json"

    public var language: String
    public var strings: [String: String]
    public var assets: [String: String]
}

/// What a build keeps per client, so an unchanged client is not loaded or rendered again.
struct ClientRecord: Codable, Sendable {
    struct User: Codable, Sendable {
        var username: String
        var name: String
        var email: String
        var file: String
        var line: Int
        var column: Int
    }

    /// Where the record is kept, inside the client's output folder.
    static let path = "\(Manifest.folder)/client.json"

    /// Hash of the theme, the portal settings and every file of the client's folder.
    var fingerprint: String
    var entry: Manifest.ClientEntry
    var users: [User]

    /// The record of a complete output folder; nil when there is none.
    static func load(from object: URL) -> ClientRecord? {
        let url = object.appendingPathComponent(path)
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ClientRecord.self, from: data)
    }

    /// The manifest entry as JSON: encoded once by the client's task, used by the record's
    /// file and the manifest alike.
    func encodedEntry() throws(BuildError) -> [UInt8] {
        do {
            return try JSONPieces.encode(entry)
        } catch {
            throw BuildError.output("cannot encode the record of \(entry.id): \(error)")
        }
    }

    /// The record's file, around the entry the task already encoded for the manifest.
    func file(entry encodedEntry: [UInt8]) throws(BuildError) -> OutputFile {
        do {
            var bytes = Array(#"{"entry":"#.utf8) + encodedEntry
            bytes += Array(#","fingerprint":"#.utf8) + (try JSONPieces.encode(fingerprint))
            bytes += Array(#","users":"#.utf8) + (try JSONPieces.encode(users)) + [0x7D]
            return OutputFile(path: Self.path, body: .bytes(bytes))
        } catch {
            throw BuildError.output("cannot encode the record of \(entry.id): \(error)")
        }
    }
}

/// Parts of the manifest and records, encoded with sorted keys so that joined parts read the
/// same as one encoding of the whole.
enum JSONPieces {
    static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }
}

/// UTC timestamps for the manifest and calendar files, without a formatter object per call.
public enum UTCStamp {
    /// `2026-12-03T09:15:00Z`.
    public static func iso8601(_ date: Date) -> String {
        let p = parts(date)
        return "\(p[0])-\(p[1])-\(p[2])T\(p[3]):\(p[4]):\(p[5])Z"
    }

    /// `20261203T091500Z`, the form of RFC 5545.
    static func compact(_ date: Date) -> String {
        let p = parts(date)
        return "\(p[0])\(p[1])\(p[2])T\(p[3])\(p[4])\(p[5])Z"
    }

    /// Year, month, day, hour, minute, second, zero-padded.
    private static func parts(_ date: Date) -> [String] {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        return [
            Digits.pad(Int(fields.tm_year) + 1900, 4), Digits.pad(Int(fields.tm_mon) + 1, 2),
            Digits.pad(Int(fields.tm_mday), 2), Digits.pad(Int(fields.tm_hour), 2),
            Digits.pad(Int(fields.tm_min), 2), Digits.pad(Int(fields.tm_sec), 2),
        ]
    }
}

/// What the server reads of a client's record: the dashboard's week fragments.
public struct ClientRecordView: Sendable {
    /// The "this week" fragment by week (`2026-W49`).
    public let weeks: [String: String]

    /// The record of the client folder at `url` (a published `clients/<id>`).
    public static func load(from url: URL) -> ClientRecordView? {
        let file = url.appendingPathComponent(weeksPath)
        guard let data = try? Data(contentsOf: file),
            let weeks = try? JSONDecoder().decode([String: String].self, from: data)
        else { return nil }
        return ClientRecordView(weeks: weeks)
    }

    /// Kept apart from the record, which every rebuild reads for every client: the fragments
    /// are most of its size and only the server needs them.
    static let weeksPath = "\(Manifest.folder)/weeks.json"

    static func file(_ weeks: [String: String]) -> OutputFile {
        let data = (try? JSONEncoder().encode(weeks)) ?? Data("{}".utf8)
        return OutputFile(path: weeksPath, body: .bytes(Array(data)))
    }
}
