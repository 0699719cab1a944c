import Foundation
import Mustache
import Site
import Synchronization

/// One published build as the server sees it: its folder, manifest and server templates.
///
/// A build is immutable once published, so a snapshot can be shared by every request; a new
/// build gives a new snapshot, taken the first time a request sees the link point elsewhere.
final class SiteSnapshot: Sendable {
    let build: String
    let folder: String
    let manifest: Manifest
    let theme: ServerTheme
    let templates: [String: Template]
    /// The values every server template sees, built once.
    private let sharedValue: MustacheValue
    /// Username → the clients that user may see.
    let access: [String: Set<String>]
    let users: [String: Manifest.UserEntry]
    let clients: [String: Manifest.ClientEntry]
    /// Each client's items by id, URL and kind.
    let indexes: [String: ClientIndex]
    /// The portal's calendar, made once: a Calendar is costly to set up.
    let calendar: PortalCalendar
    private let records = Mutex<[String: ClientRecordView]>([:])
    /// Pages of this build already read and split at their slots.
    let pages = PageCache()
    /// Rendered per-user fragments (account block, client switch) by key; bounded.
    private let fragments = BoundedCache<String>(budget: 4 << 20) { $0.utf8.count }
    private let stencils = BoundedCache<Stencil>(budget: 1 << 20) { $0.size }
    /// Fragments that change with a version (a client's comments): one entry per key, the
    /// newest version only.
    private let versioned = BoundedCache<(version: Int, text: String)>(budget: 4 << 20) {
        $0.text.utf8.count
    }
    /// The current week's name, recomputed once a minute.
    private let week = Mutex<(minute: Int, name: String)>((-1, ""))

    init(build: String, folder: String) throws {
        self.build = build
        self.folder = folder
        let url = URL(fileURLWithPath: folder)
        manifest = try Manifest.load(from: url)
        let meta = url.appendingPathComponent(Manifest.folder)
        theme = try JSONDecoder().decode(
            ServerTheme.self,
            from: Data(contentsOf: meta.appendingPathComponent(ServerTheme.file)))
        var templates: [String: Template] = [:]
        let server = meta.appendingPathComponent("server")
        for name in try FileManager.default.contentsOfDirectory(atPath: server.path)
        where name.hasSuffix(".mustache") {
            let text = try String(
                contentsOf: server.appendingPathComponent(name), encoding: .utf8)
            templates[String(name.dropLast(9))] = try Template(text, name: name)
        }
        self.templates = templates
        sharedValue = .object([
            "t": .object(theme.strings.mapValues { .string($0) }),
            "assets": .object(theme.assets.mapValues { .string($0) }),
            "lang": .string(theme.language),
            "organisation": .string(manifest.portal.organisation),
        ])
        users = Dictionary(manifest.users.map { ($0.username, $0) }) { first, _ in first }
        access = users.mapValues { Set($0.clients) }
        clients = Dictionary(manifest.clients.map { ($0.id, $0) }) { first, _ in first }
        indexes = clients.mapValues(ClientIndex.init)
        calendar = PortalCalendar(timeZone: manifest.portal.timeZone)
    }

    /// The dashboard fragments of a client, read once per snapshot.
    func record(_ client: String) -> ClientRecordView? {
        if let cached = records.withLock({ $0[client] }) { return cached }
        let url = URL(fileURLWithPath: "\(folder)/clients/\(client)")
        guard let view = ClientRecordView.load(from: url) else { return nil }
        records.withLock { $0[client] = view }
        return view
    }

    /// Renders a server template with the theme's strings and assets added.
    func render(_ name: String, _ data: [String: MustacheValue]) -> String {
        guard let template = templates[name] else { return "" }
        return template.render(layered: [sharedValue, .object(data)], partials: templates)
    }

    /// A fragment rendered once per key: the same user on the same page gets the same text.
    func fragment(_ key: String, render: () -> String) -> String {
        fragments.value(key) { render() } ?? ""
    }

    /// A fragment kept for its newest `version` only, so old versions never pile up.
    func fragment(_ key: String, version: Int, render: () -> String) -> String {
        if let known = versioned[key], known.version == version { return known.text }
        let text = render()
        versioned.put((version, text), for: key)
        return text
    }

    /// A fragment with holes, rendered once per key: see `Stencil`.
    func stencil(_ key: String, render: () -> String) -> Stencil {
        stencils.value(key) { Stencil(render()) } ?? Stencil("")
    }

    /// `2026-W49` for `now` in the portal's time zone.
    func currentWeek(_ now: Date) -> String {
        let minute = Int(now.timeIntervalSince1970 / 60)
        if let known = week.withLock({ $0.minute == minute ? $0.name : nil }) { return known }
        let name = calendar.week(of: now)
        week.withLock { $0 = (minute, name) }
        return name
    }

    func text(_ key: String) -> String {
        theme.strings[key] ?? key
    }
}

/// Watches the `site` link and hands out the snapshot of the build it points at.
final class SiteDirectory: Sendable {
    let link: String
    /// The folder holding every build; nothing outside it is ever served.
    let store: String
    private let current = Mutex<SiteSnapshot?>(nil)

    init(link: String) {
        self.link = link
        let resolved = URL(fileURLWithPath: link).resolvingSymlinksInPath()
        store = resolved.deletingLastPathComponent().path
    }

    /// The snapshot of the build the link points at now; reloads after a new build.
    ///
    /// One `readlink(2)` per request: cheap, and a new build is seen by the next request.
    func snapshot() throws -> SiteSnapshot {
        let build = try Self.readLink(link)
        if let snapshot = current.withLock({ $0 }), snapshot.build == build { return snapshot }
        let folder = "\(store)/\(build)"
        let snapshot = try SiteSnapshot(build: build, folder: folder)
        current.withLock { $0 = snapshot }
        return snapshot
    }

    /// The last path component of the link's target: the build folder's name.
    private static func readLink(_ path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let count = readlink(path, &buffer, 255)
        guard count > 0 else {
            throw ServerError.noSite("\(path) is not a site link; run 'careportal build'")
        }
        let target = buffer[..<count]
        let start = target.lastIndex(of: CChar(UInt8(ascii: "/"))).map { $0 + 1 } ?? 0
        return String(decoding: target[start...].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Rendered text with holes, `\u{1}NAME\u{1}`, filled per request: a form is the same for
/// every user except its tokens, so it is rendered once and only the tokens are put in.
struct Stencil: Sendable {
    static func hole(_ name: String) -> String { "\u{1}\(name)\u{1}" }

    /// Text and hole names by turns: even indexes are text, odd ones names.
    private let parts: [String]
    let size: Int

    init(_ text: String) {
        parts = text.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
        size = text.utf8.count
    }

    func filled(_ values: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count } + 128)
        for (index, part) in parts.enumerated() {
            out += index % 2 == 0 ? part : values[part] ?? ""
        }
        return out
    }
}
