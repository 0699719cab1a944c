import Foundation
import YAML

/// Loads a content folder: `portal.yaml` and one folder per client under `clients/`.
///
/// Loading never stops at the first problem; everything wrong is collected so a care worker
/// fixes it all in one pass.
public struct ContentLoader: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Reads `portal.yaml`.
    public func loadPortal(problems: inout ProblemList) -> Portal? {
        let url = root.appendingPathComponent(Portal.file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.add(
                "missing \(Portal.file); every content folder starts with one "
                    + "(see docs/content-format.md)", file: Portal.file)
            return nil
        }
        guard let node = readYAML(url, file: Portal.file, problems: &problems),
            var fields = Fields(node, file: Portal.file, what: Portal.file, problems: &problems)
        else { return nil }
        let portal = Portal.decode(&fields)
        problems.add(contentsOf: fields.finish())
        return portal
    }

    /// The client folders, sorted; a folder whose name is no valid id is a problem.
    public func clientIDs(problems: inout ProblemList) -> [String] {
        let folder = root.appendingPathComponent("clients")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            problems.add(
                "missing folder clients/; put each client's file in clients/<client-id>/",
                file: "clients")
            return []
        }
        var ids: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            guard isDirectory(folder.appendingPathComponent(name)) else {
                problems.add(
                    "clients/ holds only client folders; move this file into one",
                    file: "clients/\(name)")
                continue
            }
            guard Identifier.isValid(name) else {
                problems.add(
                    "'\(name)' is not a valid client id: use lowercase letters, digits "
                        + "and dashes, such as 'sanne-de-vries'", file: "clients/\(name)")
                continue
            }
            ids.append(name)
        }
        return ids
    }

    /// Loads one client's folder completely.
    public func loadClient(
        _ id: String, timeReader: TimeReader,
        problems: inout ProblemList
    ) -> Client? {
        ClientFolder(root: root, id: id, reader: timeReader).load(problems: &problems)
    }

    func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory)
            && directory.boolValue
    }

    func readYAML(
        _ url: URL, file: String, lineOffset: Int = 0,
        problems: inout ProblemList
    ) -> Node? {
        guard let text = SourceFile.read(url, as: file, problems: &problems) else { return nil }
        return parseYAML(text, file: file, lineOffset: lineOffset, problems: &problems)
    }
}

/// Parses YAML text, turning a parse failure into a positioned problem.
public func parseYAML(
    _ text: String, file: String, lineOffset: Int = 0,
    problems: inout ProblemList
) -> Node? {
    do {
        guard let node = try YAMLParser.parse(text) else {
            problems.add(
                "the file is empty; see docs/content-format.md for what it holds",
                file: file, line: lineOffset + 1)
            return nil
        }
        return node
    } catch {
        problems.add(
            "invalid YAML: \(error.message)", file: file,
            line: error.mark.line + lineOffset, column: error.mark.column)
        return nil
    }
}
