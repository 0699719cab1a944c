import Foundation

struct SpecDirectoryNotFound: Error, CustomStringConvertible {
    let searched: [String]

    var description: String {
        "mustache-spec folder not found; set MUSTACHE_SPEC_DIR. Tried: "
            + searched.joined(separator: ", ")
    }
}

/// Finds the shared spec folder: MUSTACHE_SPEC_DIR, then `shared/test-data/mustache-spec`
/// next to any folder above this file, then the machine-wide `/work/shared` copy.
func specDirectory(from filePath: String = #filePath) throws -> URL {
    let relative = "shared/test-data/mustache-spec"
    var candidates: [String] = []

    if let override = ProcessInfo.processInfo.environment["MUSTACHE_SPEC_DIR"] {
        candidates.append(override)
    }

    var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while true {
        candidates.append(folder.appendingPathComponent(relative).path)
        let parent = folder.deletingLastPathComponent()
        // The root is its own parent (or becomes "/.."), which ends the walk.
        guard parent.standardizedFileURL.path != folder.standardizedFileURL.path,
            folder.path != "/"
        else {
            break
        }
        folder = parent
    }
    candidates.append("/work/" + relative)

    guard let found = candidates.first(where: isDirectory) else {
        throw SpecDirectoryNotFound(searched: candidates)
    }
    return URL(fileURLWithPath: found, isDirectory: true)
}

private func isDirectory(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        && isFolder.boolValue
}
