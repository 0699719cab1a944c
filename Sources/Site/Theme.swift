import Content
import Crypto
import Foundation
import Mustache
import YAML

/// A theme folder: Mustache templates, static assets and the translation strings.
///
/// An organisation changes colours, logo and texts here without touching Swift. Everything in
/// it is checked when it is loaded, so a broken theme fails the build, not a client's page.
public struct Theme: Sendable {
    public let name: String
    public let templates: [String: Template]
    /// The templates the server renders (login, activation, errors, mail), by name: source text.
    /// The build copies them into the site, because the server never reads the theme folder.
    public let serverTemplates: [String: String]
    /// Asset file name to its fingerprinted name: `style.css` → `style.3f9a1c2b7e.css`.
    public let assets: [String: String]
    let assetFolder: URL
    let strings: [Portal.Language: [String: String]]
    /// Changes whenever any file of the theme changes; part of every page's fingerprint.
    public let fingerprint: String

    /// The server's templates a theme must provide.
    static let requiredServerTemplates = [
        "page", "account", "client-switch", "login", "activate", "summary", "password",
        "message", "choose", "mail-invitation", "mail-notice", "mail-news", "unread", "count",
        "no-unread", "show-read", "comments", "replies", "message-form",
    ]

    /// The page templates a theme must provide.
    static let pageTemplates = [
        "layout", "dashboard", "persons", "documents", "document", "reports", "report",
        "conversations", "conversation", "agenda", "week", "day", "this-week",
    ]

    /// Loads `folder`, recording every problem against paths relative to `displayRoot`.
    public static func load(
        from folder: URL, displayName: String,
        problems: inout ProblemList
    ) -> Theme? {
        var loader = ThemeLoader(folder: folder, display: displayName)
        let theme = loader.load()
        problems.add(contentsOf: loader.problems)
        return loader.problems.isEmpty ? theme : nil
    }

    /// The strings of one language with the date helpers for the portal's zone.
    public func strings(for portal: Portal) -> Strings {
        Strings(
            language: portal.language, table: strings[portal.language] ?? [:],
            timeZone: portal.timeZone)
    }

    /// Template names of the assets (`style_css`) with their URLs.
    public var assetValues: [String: String] {
        assets.keys.reduce(into: [:]) { values, name in
            let key = name.replacingOccurrences(of: ".", with: "_")
                .replacingOccurrences(of: "-", with: "_")
            values[key] = assetURL(name)
        }
    }

    /// The URL of an asset under `/assets/`.
    func assetURL(_ name: String) -> String {
        "/assets/\(assets[name] ?? name)"
    }
}

/// Reads a theme folder, collecting problems.
private struct ThemeLoader {
    let folder: URL
    let display: String
    var problems = ProblemList()
    private var hashInput: [UInt8] = []

    init(folder: URL, display: String) {
        self.folder = folder
        self.display = display
    }

    mutating func load() -> Theme? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            problems.add(
                "theme not found; expected a folder with templates/, assets/ and i18n/",
                file: display)
            return nil
        }
        let templates = loadTemplates()
        let server = loadTemplates(from: "server", required: Theme.requiredServerTemplates)
        let assets = loadAssets()
        var strings: [Portal.Language: [String: String]] = [:]
        for language in Portal.Language.allCases {
            strings[language] = loadStrings(language)
        }
        let used = templates.sources.merging(
            server.sources.map { ("server/\($0.key)", $0.value) }
        ) { first, _ in first }
        checkStrings(strings, usedBy: used)
        let fingerprint = SHA256.hex(bytes: hashInput)
        return Theme(
            name: display, templates: templates.compiled, serverTemplates: server.sources,
            assets: assets,
            assetFolder: folder.appendingPathComponent("assets"), strings: strings,
            fingerprint: fingerprint)
    }

    private func files(in subfolder: String) -> [String] {
        let path = folder.appendingPathComponent(subfolder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    private mutating func read(_ relative: String) -> Data? {
        do {
            let data = try Data(contentsOf: folder.appendingPathComponent(relative))
            hashInput += Array(relative.utf8) + [0] + Array(data) + [0]
            return data
        } catch {
            problems.add(
                "cannot read: \(error.localizedDescription)", file: "\(display)/\(relative)")
            return nil
        }
    }

    private mutating func loadTemplates(
        from folder: String = "templates", required: [String] = Theme.pageTemplates
    ) -> (compiled: [String: Template], sources: [String: String]) {
        var compiled: [String: Template] = [:]
        var sources: [String: String] = [:]
        let names = files(in: folder).filter { $0.hasSuffix(".mustache") }
        for name in names {
            let relative = "\(folder)/\(name)"
            guard let data = read(relative), let text = String(data: data, encoding: .utf8) else {
                continue
            }
            let key = String(name.dropLast(".mustache".count))
            do {
                compiled[key] = try Template(text, name: "\(display)/\(relative)")
                sources[key] = text
            } catch {
                problems.add(
                    error.message, file: "\(display)/\(relative)", line: error.line,
                    column: error.column)
            }
        }
        for page in required where !names.contains("\(page).mustache") {
            problems.add(
                "the theme has no template '\(page).mustache'",
                file: "\(display)/\(folder)")
        }
        return (compiled, sources)
    }

    private mutating func loadAssets() -> [String: String] {
        var assets: [String: String] = [:]
        for name in files(in: "assets") {
            guard let data = read("assets/\(name)") else { continue }
            let hash = String(SHA256.hex(bytes: Array(data)).prefix(10))
            let dot = name.lastIndex(of: ".") ?? name.endIndex
            assets[name] = "\(name[..<dot]).\(hash)\(name[dot...])"
        }
        return assets
    }

    private mutating func loadStrings(_ language: Portal.Language) -> [String: String] {
        let relative = "i18n/\(language.rawValue).yaml"
        let file = "\(display)/\(relative)"
        guard let data = read(relative), let text = String(data: data, encoding: .utf8) else {
            return [:]
        }
        var table: [String: String] = [:]
        guard let node = parseYAML(text, file: file, problems: &problems) else { return [:] }
        guard case .mapping(let pairs) = node.kind else {
            problems.add("a translation file is a mapping of key: text", file: file)
            return [:]
        }
        for pair in pairs {
            guard let key = pair.key.scalar, let value = pair.value.scalar else {
                problems.add(
                    "each translation is one line of text", file: file,
                    line: pair.key.mark.line, column: pair.key.mark.column)
                continue
            }
            table[key] = value
        }
        return table
    }

    /// Every key a template uses, and every required key, must exist in every language.
    private mutating func checkStrings(
        _ strings: [Portal.Language: [String: String]],
        usedBy sources: [String: String]
    ) {
        var used: [String: String] = [:]
        for key in RequiredStrings.keys { used[key] = "dates" }
        for (template, source) in sources {
            for key in TranslationKeys.used(in: source) { used[key] = "\(template).mustache" }
        }
        for language in Portal.Language.allCases {
            let table = strings[language] ?? [:]
            let file = "\(display)/i18n/\(language.rawValue).yaml"
            for (key, user) in used.sorted(by: { $0.key < $1.key }) where table[key] == nil {
                problems.add("missing translation '\(key)' (used by \(user))", file: file)
            }
            let others = Portal.Language.allCases.filter { $0 != language }
            for other in others {
                for key in (strings[other] ?? [:]).keys.sorted() where table[key] == nil {
                    problems.add(
                        "missing translation '\(key)' (present in \(other.rawValue).yaml)",
                        file: file)
                }
            }
        }
    }
}

/// Finds `{{t.key}}` references in template text.
enum TranslationKeys {
    static func used(in source: String) -> Set<String> {
        var keys: Set<String> = []
        var rest = source[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let first = tag.first, "#^/&{".contains(first) {
                tag = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            if tag.hasPrefix("t.") { keys.insert(String(tag.dropFirst(2))) }
            rest = rest[close.upperBound...]
        }
        return keys
    }
}
