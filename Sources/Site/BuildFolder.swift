import CSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The published site and the build folders behind it.
///
/// `site` is a symbolic link to `site.builds/<build>`. A build writes a new folder beside the
/// current one and then replaces the link with `rename(2)`, which POSIX makes atomic: a reader
/// sees the old site or the new one, never a mix, and a build killed at any moment leaves the
/// link pointing at the last good build.
struct BuildFolder {
    /// The link people and the server use, such as `site`.
    let link: URL
    /// Where the builds live, such as `site.builds`.
    var store: URL { link.deletingLastPathComponent().appendingPathComponent(storeName) }
    private var storeName: String { link.lastPathComponent + ".builds" }

    /// Where each client's output lives, shared by every build that links to it.
    static let objectsName = "objects"

    var objects: URL { store.appendingPathComponent(Self.objectsName) }

    func object(_ name: String) -> URL {
        objects.appendingPathComponent(name)
    }

    /// The build the link points at now, if there is one.
    func current() -> URL? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)
        else { return nil }
        return link.deletingLastPathComponent().appendingPathComponent(target)
    }

    /// Refuses to replace a real folder: that would be somebody else's files.
    func checkLink() throws(BuildError) {
        let path = link.path
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) != S_IFLNK {
            throw BuildError.output(
                "\(path) is a folder, not a link made by careportal build; "
                    + "move it away (or delete it) and build again")
        }
    }

    /// A fresh, empty folder for a new build, never one that exists already: two builds in
    /// the same second must not share a folder, least of all the published one.
    func makeNewBuild() throws(BuildError) -> URL {
        var known: Set<String> = []
        try FileSystem.makeFolder(store.path, known: &known)
        let stamp = UTCStamp.compact(Date()).replacingOccurrences(of: "Z", with: "")
        for _ in 0..<16 {
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            let url = store.appendingPathComponent("\(stamp)-\(getpid())-\(suffix)")
            if mkdir(url.path, 0o755) == 0 { return url }
            if errno != EEXIST {
                throw BuildError.output("cannot create \(url.path): \(errorText())")
            }
        }
        throw BuildError.output("cannot find a free build folder name in \(store.path)")
    }

    /// Flushes the new build to disk, then points the link at it in one atomic step.
    func publish(_ build: URL) throws(BuildError) {
        try FileSystem.syncFileSystem(containing: build)
        let temporary = link.deletingLastPathComponent()
            .appendingPathComponent(".\(link.lastPathComponent).\(getpid()).link")
        unlink(temporary.path)
        let target = "\(storeName)/\(build.lastPathComponent)"
        guard symlink(target, temporary.path) == 0 else {
            throw BuildError.output("cannot create a link at \(temporary.path): \(errorText())")
        }
        guard rename(temporary.path, link.path) == 0 else {
            unlink(temporary.path)
            throw BuildError.output("cannot replace \(link.path): \(errorText())")
        }
        FileSystem.syncFolder(link.deletingLastPathComponent())
    }

    /// Removes every build but the current and the one before, the client folders neither
    /// links to, and whatever a killed build left half-written.
    ///
    /// They are renamed into a trash folder at once and deleted by a background `rm`, so a
    /// rebuild after a theme change does not wait for tens of thousands of unlinks.
    func prune(keeping: [URL]) {
        let keep = Set(keeping.map { $0.lastPathComponent })
        let manager = FileManager.default
        let suffix = UInt32.random(in: 0...UInt32.max)
        let trash = store.appendingPathComponent(".trash-\(getpid())-\(suffix)")
        var made = false
        func discard(_ url: URL) {
            if !made {
                made =
                    (try? manager.createDirectory(at: trash, withIntermediateDirectories: true))
                    != nil
            }
            let target = trash.appendingPathComponent(url.lastPathComponent).path
            if Glibc.rename(url.path, target) != 0 { try? manager.removeItem(at: url) }
        }
        for name in (try? manager.contentsOfDirectory(atPath: store.path)) ?? []
        where !keep.contains(name) && !name.hasPrefix(".") && name != Self.objectsName {
            discard(store.appendingPathComponent(name))
        }
        let used = linkedObjects(keeping)
        for name in (try? manager.contentsOfDirectory(atPath: objects.path)) ?? []
        where !used.contains(name) {
            discard(objects.appendingPathComponent(name))
        }
        removeInBackground(store)
    }

    private func linkedObjects(_ builds: [URL]) -> Set<String> {
        var used: Set<String> = []
        for build in builds {
            let clients = build.appendingPathComponent("clients").path
            for name in (try? FileManager.default.contentsOfDirectory(atPath: clients)) ?? [] {
                if let target = try? FileManager.default.destinationOfSymbolicLink(
                    atPath: "\(clients)/\(name)")
                {
                    used.insert(String(target.split(separator: "/").last ?? ""))
                }
            }
        }
        return used
    }

    /// Starts `rm -rf` on every trash folder and does not wait for it; a trash folder left by
    /// a crash is picked up by the next build.
    private func removeInBackground(_ store: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: store.path)) ?? []
        let trash = names.filter { $0.hasPrefix(".trash-") }.map {
            store.appendingPathComponent($0).path
        }
        guard !trash.isEmpty else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/rm")
        process.arguments = ["-rf", "--"] + trash
        try? process.run()
    }
}

func errorText() -> String {
    String(cString: strerror(errno))
}

/// File system calls the build needs beyond Foundation's: fast writes, links, syncs.
enum FileSystem {
    /// Writes `bytes` to a new file; the folder must exist.
    static func write(_ bytes: [UInt8], to path: String) throws(BuildError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BuildError.output("cannot write \(path): \(errorText())") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw BuildError.output("cannot write \(path): \(errorText())")
            }
            offset += written
        }
    }

    /// Makes a folder and its parents, remembering which exist to save system calls.
    static func makeFolder(_ path: String, known: inout Set<String>) throws(BuildError) {
        guard !known.contains(path) else { return }
        let parent = parent(of: path)
        if !parent.isEmpty, parent != path { try makeFolder(parent, known: &known) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw BuildError.output("cannot create folder \(path): \(errorText())")
        }
        known.insert(path)
    }

    /// Everything before the last slash: `a/b/c.html` gives `a/b`, `/a` gives `/`. Plain
    /// string work; NSString's version cost a tenth of a build's time in path clean-up.
    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Copies a file by content (documents are small enough; no hard link to content/, whose
    /// files a care worker may edit in place).
    static func copy(_ source: URL, to path: String) throws(BuildError) {
        do {
            try write(Array(Data(contentsOf: source)), to: path)
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError.output("cannot read \(source.path): \(error.localizedDescription)")
        }
    }

    static func symlink(_ target: String, at path: String) throws(BuildError) {
        guard Glibc.symlink(target, path) == 0 else {
            throw BuildError.output("cannot create the link \(path): \(errorText())")
        }
    }

    /// Renames a finished folder into place; another build may have finished the same folder
    /// first, and then ours is simply dropped.
    static func rename(_ source: String, to destination: String) throws(BuildError) {
        if Glibc.rename(source, destination) == 0 { return }
        if errno == ENOTEMPTY || errno == EEXIST {
            try? FileManager.default.removeItem(atPath: source)
            return
        }
        throw BuildError.output("cannot move \(source) into place: \(errorText())")
    }

    struct Entry {
        var name: String
        var isFolder: Bool
        var size: Int
        var modified: Int
        var inode: UInt
    }

    /// The entries of a folder with their metadata, without following links.
    static func listing(_ path: String) -> [Entry] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        var entries: [Entry] = []
        while let raw = readdir(folder) {
            let name = withUnsafeBytes(of: raw.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard lstat("\(path)/\(name)", &info) == 0 else { continue }
            let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
            entries.append(
                Entry(
                    name: name, isFolder: (info.st_mode & S_IFMT) == S_IFDIR,
                    size: Int(info.st_size), modified: modified,
                    inode: UInt(info.st_ino)))
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// syncfs(2): one call flushes everything the build wrote, far cheaper than an fsync per
    /// file, so a power cut after the switch cannot leave the new link pointing at lost pages.
    static func syncFileSystem(containing folder: URL) throws(BuildError) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw BuildError.output("cannot open \(folder.path): \(errorText())") }
        defer { close(fd) }
        guard careportal_syncfs(fd) == 0 else {
            throw BuildError.output("cannot flush the build to disk: \(errorText())")
        }
    }

    static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
