import Content
import Fixtures
import Foundation
import Testing

@testable import Site

@Suite struct ThemeTests {
    func copyTheme() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("theme-\(UUID().uuidString)")
        try FileManager.default.copyItem(
            at: ContentFixture.themes.appendingPathComponent("default"), to: folder)
        return folder
    }

    @Test func defaultThemeIsComplete() {
        var problems = ProblemList()
        let theme = Theme.load(
            from: ContentFixture.themes.appendingPathComponent("default"),
            displayName: "themes/default", problems: &problems)
        #expect(problems.all.map(\.description) == [])
        #expect(theme != nil)
    }

    @Test func bothLanguagesHaveTheSameKeys() throws {
        for language in Portal.Language.allCases {
            let other = language == .nl ? "en" : "nl"
            let mine = try keys(language.rawValue)
            let theirs = try keys(other)
            #expect(mine == theirs, "\(language.rawValue).yaml differs from \(other).yaml")
        }
    }

    private func keys(_ language: String) throws -> Set<String> {
        let text = try String(
            contentsOf: ContentFixture.themes.appendingPathComponent(
                "default/i18n/\(language).yaml"), encoding: .utf8)
        return Set(
            text.split(separator: "\n").compactMap { line in
                line.hasPrefix("#") ? nil : line.split(separator: ":").first.map(String.init)
            })
    }

    @Test func aMissingTranslationFailsTheBuild() throws {
        let folder = try copyTheme()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("i18n/en.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "reply: Reply\n", with: "")
            .write(to: file, atomically: true, encoding: .utf8)
        var problems = ProblemList()
        _ = Theme.load(from: folder, displayName: "themes/x", problems: &problems)
        let found = Set(problems.all.map(\.description))
        let place = "themes/x/i18n/en.yaml:1:1"
        #expect(
            found == [
                "\(place): missing translation 'reply' (present in nl.yaml)",
                "\(place): missing translation 'reply' (used by conversation.mustache)",
            ])
    }

    @Test func aBrokenTemplateIsPositioned() throws {
        let folder = try copyTheme()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<p>\n{{#items}}open\n".write(
            to: folder.appendingPathComponent("templates/day.mustache"),
            atomically: true, encoding: .utf8)
        var problems = ProblemList()
        _ = Theme.load(from: folder, displayName: "themes/x", problems: &problems)
        #expect(problems.all.count == 1)
        #expect(problems.all.first?.file == "themes/x/templates/day.mustache")
        #expect(problems.all.first?.line == 2)
    }

    @Test func translationKeysAreFoundInTemplates() {
        let keys = TranslationKeys.used(in: "{{t.a}} {{ t.b }} {{#t.c}}x{{/t.c}} {{other}}")
        #expect(keys == ["a", "b", "c"])
    }
}
