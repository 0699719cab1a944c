import Content
import Crypto
import Foundation

/// Why a build did not publish.
public enum BuildError: Error, Equatable {
    /// The content or theme has problems; nothing was published.
    case problems([ContentProblem])
    /// The output could not be written (disk full, permissions); nothing was published.
    case output(String)
}

/// What a build did, for the command line and the benchmark.
public struct BuildSummary: Sendable {
    public var clients = 0
    public var clientsRendered = 0
    public var pages = 0
    public var files = 0
    /// The published build folder; nil for a check.
    public var folder: URL?
}

/// Where a build reads and writes.
public struct BuildOptions: Sendable {
    public var content: URL
    public var themes: URL
    public var output: URL
    /// Check only: load and render everything, write nothing.
    public var dryRun = false

    public init(content: URL, themes: URL, output: URL, dryRun: Bool = false) {
        self.content = content
        self.themes = themes
        self.output = output
        self.dryRun = dryRun
    }
}

/// Turns a content folder into a published site.
///
/// Clients are loaded and rendered in parallel, one task per client, because a client's pages
/// depend only on its own folder, the portal settings and the theme. That same fact makes
/// rebuilds incremental: a client whose files did not change keeps its output folder, which
/// the new build links to instead of loading and rendering the client again.
public struct SiteBuilder: Sendable {
    /// Bumped when the output format changes, so old builds are never reused by mistake.
    static let formatVersion = "careportal-site-2"

    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    public func build() throws(BuildError) -> BuildSummary {
        var problems = ProblemList()
        let loader = ContentLoader(root: options.content)
        let portal = loader.loadPortal(problems: &problems)
        let ids = loader.clientIDs(problems: &problems)
        guard let portal else { throw BuildError.problems(problems.all.sorted()) }
        let theme = Theme.load(
            from: options.themes.appendingPathComponent(portal.theme),
            displayName: "themes/\(portal.theme)", problems: &problems)
        guard let theme else { throw BuildError.problems(problems.all.sorted()) }

        let run = BuildRun(
            options: options, portal: portal, theme: theme, ids: ids,
            renderer: ClientPages(
                portal: portal, theme: theme, strings: theme.strings(for: portal),
                contentRoot: options.content))
        return try run.execute(problems: problems)
    }
}

/// One build from start to publication; holds what every client task shares.
private struct BuildRun: Sendable {
    let options: BuildOptions
    let portal: Portal
    let theme: Theme
    let ids: [String]
    /// Made once: it holds the portal's strings and calendar, which every client shares.
    let renderer: ClientPages

    func execute(problems initial: ProblemList) throws(BuildError) -> BuildSummary {
        let folder = BuildFolder(link: options.output)
        var target: URL?
        var previous: URL?
        if !options.dryRun {
            try folder.checkLink()
            previous = folder.current()
            target = try folder.makeNewBuild()
        }
        let results = try renderClients(folder: folder, into: target)
        var problems = initial
        for result in results { problems.add(contentsOf: result.problems) }
        let records = results.compactMap(\.record)
        problems.add(contentsOf: UserCheck.conflicts(in: records))
        // A disk that is full or read-only is not a problem of the content: it is said as
        // such, and nothing is published.
        if let failure = results.lazy.compactMap(\.writeFailure).first {
            if let target { try? FileManager.default.removeItem(at: target) }
            throw BuildError.output(failure)
        }

        guard problems.isEmpty else {
            if let target { try? FileManager.default.removeItem(at: target) }
            throw BuildError.problems(problems.all.sorted())
        }
        var summary = BuildSummary(clients: ids.count)
        summary.clientsRendered = results.filter(\.rendered).count
        summary.pages = results.reduce(0) { $0 + $1.pages }
        summary.files = results.reduce(0) { $0 + $1.files }
        guard let target else { return summary }

        do {
            try writeShared(into: target, results: results)
            try folder.publish(target)
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw error
        }
        folder.prune(keeping: [target] + (previous.map { [$0] } ?? []))
        summary.folder = target
        return summary
    }

    /// Runs one task per client on a few threads and gathers the results in client order.
    ///
    /// More threads than cores: creating files waits on the file system's journal, and other
    /// clients can render meanwhile. Each task also links its client into the new build, so
    /// no step after the tasks grows with the number of clients but the manifest's joining.
    private func renderClients(
        folder: BuildFolder, into target: URL?
    ) throws(BuildError) -> [ClientResult] {
        let settings = SharedFingerprint.make(portal: options.content, theme: theme)
        var clients: String?
        if let target {
            var known: Set<String> = []
            clients = target.path + "/clients"
            try FileSystem.makeFolder(target.path + "/clients", known: &known)
        }
        let links = clients
        return Parallel.map(ids, width: Parallel.ioWidth) { id in
            ClientTask(
                build: self, id: id, folder: target == nil ? nil : folder,
                links: links, shared: settings
            ).run()
        }
    }

    /// The assets and the manifest.
    private func writeShared(into target: URL, results: [ClientResult]) throws(BuildError) {
        var known: Set<String> = []
        let assets = target.path + "/assets"
        try FileSystem.makeFolder(assets, known: &known)
        for (name, served) in theme.assets {
            try FileSystem.copy(
                theme.assetFolder.appendingPathComponent(name),
                to: "\(assets)/\(served)")
        }
        let meta = target.path + "/" + Manifest.folder
        try FileSystem.makeFolder(meta + "/server", known: &known)
        for (name, source) in theme.serverTemplates {
            try FileSystem.write(Array(source.utf8), to: "\(meta)/server/\(name).mustache")
        }
        let server = ServerTheme(
            language: portal.language.rawValue,
            strings: theme.strings(for: portal).table,
            assets: theme.assetValues)
        do {
            try FileSystem.write(
                Array(JSONEncoder().encode(server)), to: "\(meta)/\(ServerTheme.file)")
            let manifest = try Manifest.assemble(
                portal: Manifest.entry(for: portal),
                users: Manifest.users(from: results.compactMap(\.record)),
                clientEntries: results.compactMap(\.encodedEntry))
            try FileSystem.write(manifest, to: "\(meta)/\(Manifest.file)")
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError.output("cannot encode the manifest: \(error)")
        }
    }
}

/// What one client's task produced.
private struct ClientResult: Sendable {
    var id: String
    var problems = ProblemList()
    var record: ClientRecord?
    /// The record's manifest entry as JSON, encoded by the task rather than after all of them.
    var encodedEntry: [UInt8]?
    /// The name of the client's output folder in the store; nil for a check.
    var object: String?
    var rendered = false
    var pages = 0
    var files = 0
    /// Why the client's output could not be written, when it could not.
    var writeFailure: String?
}

/// Loads, renders and writes one client, or reuses its output when nothing it depends on
/// changed.
///
/// A client's output lives in `<store>/objects/<id>-<fingerprint>/`, written under a temporary
/// name and renamed when complete; every build links to it. Reusing it costs one symbolic link,
/// whatever the number of pages.
private struct ClientTask {
    let build: BuildRun
    let id: String
    let folder: BuildFolder?
    /// The new build's `clients` folder, where the task links its output; nil for a check.
    let links: String?
    let shared: String

    func run() -> ClientResult {
        var result = produce()
        guard let links, let object = result.object, result.writeFailure == nil else {
            return result
        }
        do {
            try FileSystem.symlink(
                "../../\(BuildFolder.objectsName)/\(object)", at: "\(links)/\(id)")
        } catch BuildError.output(let message) {
            result.writeFailure = message
        } catch {
            result.writeFailure = "cannot link \(id) into the build: \(error)"
        }
        return result
    }

    /// The client's record and output folder: the previous build's when nothing changed.
    private func produce() -> ClientResult {
        let source = build.options.content.appendingPathComponent("clients/\(id)")
        let fingerprint = ClientFingerprint.make(folder: source.path, shared: shared)
        let object = "\(id)-\(fingerprint.prefix(24))"
        if let folder, let record = ClientRecord.load(from: folder.object(object)),
            record.fingerprint == fingerprint
        {
            var result = ClientResult(id: id, record: record, object: object)
            do {
                result.encodedEntry = try record.encodedEntry()
            } catch BuildError.output(let message) {
                result.writeFailure = message
            } catch {
                result.writeFailure = "cannot encode the record of \(id): \(error)"
            }
            return result
        }
        var (result, output) = render(fingerprint: fingerprint)
        guard result.problems.isEmpty, let output else { return result }
        do {
            let entry = try output.record.encodedEntry()
            result.encodedEntry = entry
            guard let folder else { return result }
            try write(output, entry: entry, as: object, in: folder)
            result.object = object
        } catch BuildError.output(let message) {
            result.writeFailure = message
        } catch {
            result.writeFailure = "cannot write the pages of \(id): \(error)"
        }
        return result
    }

    private func render(fingerprint: String) -> (ClientResult, ClientOutput?) {
        var result = ClientResult(id: id, rendered: true)
        let reader = TimeReader(timeZone: build.portal.timeZone)
        let loader = ContentLoader(root: build.options.content)
        guard let client = loader.loadClient(id, timeReader: reader, problems: &result.problems)
        else { return (result, nil) }
        let output = build.renderer.render(
            client, fingerprint: fingerprint, problems: &result.problems)
        result.record = output.record
        result.files = output.files.count
        result.pages = output.files.filter { $0.path.hasSuffix(".html") }.count
        return (result, output)
    }

    /// Writes the client's files under a temporary name, then renames the folder into place,
    /// so a folder with the final name is always complete.
    private func write(
        _ output: ClientOutput, entry: [UInt8], as object: String,
        in folder: BuildFolder
    ) throws(BuildError) {
        let final = folder.object(object).path
        let temporary = "\(final).tmp-\(UInt32.random(in: 0...UInt32.max))"
        var known: Set<String> = []
        do {
            for file in output.files + [try output.record.file(entry: entry)] {
                let path = temporary + "/" + file.path
                try FileSystem.makeFolder(FileSystem.parent(of: path), known: &known)
                switch file.body {
                case .bytes(let bytes): try FileSystem.write(bytes, to: path)
                case .copy(let source): try FileSystem.copy(source, to: path)
                }
            }
            try FileSystem.rename(temporary, to: final)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}

/// Fingerprints that decide whether a client's previous output can be reused.
enum SharedFingerprint {
    /// Everything all clients depend on: the output format, the theme and `portal.yaml`.
    static func make(portal content: URL, theme: Theme) -> String {
        let settings =
            (try? Data(contentsOf: content.appendingPathComponent("portal.yaml")))
            ?? Data()
        return SHA256.hex(
            bytes: Array("\(SiteBuilder.formatVersion)\n\(theme.fingerprint)\n".utf8)
                + Array(settings))
    }
}

enum ClientFingerprint {
    /// The shared fingerprint plus the name, size, modification time and inode of every file
    /// in the client's folder: an edit, a new file or a removed one all change it.
    static func make(folder: String, shared: String) -> String {
        var text = shared + "\n"
        append(folder, prefix: "", to: &text)
        return SHA256.hex(text)
    }

    private static func append(_ folder: String, prefix: String, to text: inout String) {
        for entry in FileSystem.listing(folder) {
            let name = prefix + entry.name
            if entry.isFolder {
                text += "\(name)/\n"
                append("\(folder)/\(entry.name)", prefix: name + "/", to: &text)
            } else {
                text += "\(name) \(entry.size) \(entry.modified) \(entry.inode)\n"
            }
        }
    }
}

/// One person listed under several clients must be the same person everywhere.
enum UserCheck {
    static func conflicts(in records: [ClientRecord]) -> ProblemList {
        var problems = ProblemList()
        var first: [String: ClientRecord.User] = [:]
        for record in records {
            for user in record.users {
                guard let earlier = first[user.username] else {
                    first[user.username] = user
                    continue
                }
                if earlier.email.lowercased() != user.email.lowercased() {
                    problems.add(
                        "username '\(user.username)' has e-mail \(user.email) here but "
                            + "\(earlier.email) in \(earlier.file); one person has one "
                            + "address, so make them the same", file: user.file,
                        line: user.line, column: user.column)
                } else if earlier.name != user.name {
                    problems.add(
                        "username '\(user.username)' is named '\(user.name)' here but "
                            + "'\(earlier.name)' in \(earlier.file); make them the same",
                        file: user.file, line: user.line, column: user.column)
                }
            }
        }
        return problems
    }
}
