import Fixtures
import Foundation

@testable import Site

extension ContentFixture {
    var options: BuildOptions {
        BuildOptions(content: content, themes: ContentFixture.themes, output: site)
    }

    @discardableResult
    func build() throws -> BuildSummary {
        try SiteBuilder(options: options).build()
    }

    /// The problems of a failed build as text, or [] when it succeeded.
    func buildProblems() -> [String] {
        do {
            try build()
            return []
        } catch {
            if case .problems(let problems) = error as? BuildError {
                return problems.map(\.description)
            }
            return ["\(error)"]
        }
    }

    /// The build folders, without the shared client folders.
    func builds() throws -> [String] {
        try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("site.builds").path
        ).filter { $0 != "objects" && !$0.hasPrefix(".") }
    }

    /// The client output folders kept in the store.
    func objects() throws -> [String] {
        try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("site.builds/objects").path)
    }

    /// The build folder `site` points at.
    var currentBuild: String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: site.path)
    }
}

func inode(_ url: URL) -> UInt64? {
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes?[.systemFileNumber] as? NSNumber)?.uint64Value
}
