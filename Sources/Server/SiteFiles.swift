import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An opened file of the site, ready to be sent from its descriptor.
struct SiteFile {
    var descriptor: Int32
    var size: Int64
    var modified: Int
    var inode: UInt64
    var contentType: String
    var name: String

    /// Changes whenever the file does: a new build makes new files.
    var etag: String {
        "\"\(String(inode, radix: 16))-\(String(size, radix: 16))-\(String(modified, radix: 16))\""
    }

    /// Reads the whole file and closes it; for pages that get per-user parts filled in.
    func readAll() -> [UInt8]? {
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                pread(
                    descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset,
                    off_t(offset))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            offset += count
        }
        return bytes
    }
}

/// Opens files of a build, never anything outside the build store.
enum SiteFiles {
    /// Opens `segments` (already decoded and checked) under `folder`; a folder's URL ending in
    /// `/` means its `index.html`. nil for anything missing, not a regular file, or resolving
    /// (through a link) outside `store`.
    static func open(
        _ segments: [String], trailingSlash: Bool, folder: String,
        store: String
    ) -> SiteFile? {
        var path = folder + "/" + segments.joined(separator: "/")
        if trailingSlash || segments.isEmpty { path += "/index.html" }
        guard let resolved = realPath(path), resolved.hasPrefix(store + "/") else { return nil }
        let descriptor = Glibc.open(resolved, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        let name = String(resolved.split(separator: "/").last ?? "")
        return SiteFile(
            descriptor: descriptor, size: Int64(info.st_size),
            modified: Int(info.st_mtim.tv_sec), inode: UInt64(info.st_ino),
            contentType: ContentTypes.type(of: name), name: name)
    }

    /// Whether `segments` name a folder (so the URL needs a trailing slash).
    static func isFolder(_ segments: [String], folder: String, store: String) -> Bool {
        let path = folder + "/" + segments.joined(separator: "/")
        guard let resolved = realPath(path), resolved.hasPrefix(store + "/") else { return false }
        var info = stat()
        return stat(resolved, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Content types by file extension; anything unknown is a download.
enum ContentTypes {
    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "ico": "image/x-icon", "pdf": "application/pdf",
        "ics": "text/calendar; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt": "application/vnd.oasis.opendocument.text",
        "woff2": "font/woff2", "json": "application/json",
    ]

    static func type(of name: String) -> String {
        types[fileExtension(name)] ?? "application/octet-stream"
    }

    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Documents a browser could run as a page: always sent as downloads.
    static func isActive(_ name: String) -> Bool {
        ["svg", "html", "htm", "xhtml", "xml", "js", "mjs"].contains(fileExtension(name))
    }
}
