import Testing

@testable import Server

@Suite struct SlotsTests {
    let page = Array(
        ("<ul><!--slot:item:a--><li>A<!--slot:unread:a--><!--/slot:unread:a--></li>"
            + "<!--/slot:item:a--><!--slot:item:b--><li>B</li><!--/slot:item:b--></ul>"
            + "<!--slot:account-->default<!--/slot:account-->").utf8)

    @Test func keepsReplacesAndRemoves() {
        let filled = ParsedPage(page).render { slot in
            switch slot.name {
            case "item:b": return .remove
            case "unread:a": return .replace("<b>new</b>")
            default: return .keep
            }
        }
        #expect(
            String(decoding: filled, as: UTF8.self)
                == "<ul><li>A<b>new</b></li></ul>default")
    }

    @Test func slotNamesAreSplitIntoKindAndArgument() {
        let slot = Slots.Slot("count:reports")
        #expect(slot.kind == .count)
        #expect(slot.argument == "reports")
        #expect(Slots.Slot("replies:conversations/a-b").argument == "conversations/a-b")
        #expect(Slots.Slot("account").kind == .account)
        #expect(Slots.Slot("agenda-now").kind == .unknown)
    }

    @Test func anUnclosedSlotLeavesTheRestAsItIs() {
        let broken = Array("a<!--slot:x-->b".utf8)
        #expect(String(decoding: ParsedPage(broken).render { _ in .remove }, as: UTF8.self) == "ab")
    }

    @Test(arguments: ["/", "/clients/a/", "/clients/a/reports/x.html"])
    func safePathsDecode(path: String) {
        #expect(PathDecoding.segments(path) != nil)
    }

    @Test(arguments: [
        "", "x", "/a/../b", "/a/./b", "/%2e%2e/", "/a//b", "/a\\b", "/a%5cb", "/a%00b",
        "/.hidden", "/a/%c0%ae%c0%ae/", "/a/%zz", "/a:b",
    ])
    func unsafePathsAreRefused(path: String) {
        #expect(PathDecoding.segments(path) == nil)
    }

    @Test func redirectsStayOnTheSite() {
        #expect(Redirects.safe("/clients/a/") == "/clients/a/")
        for bad in ["//evil", "https://evil", "/\\evil", "javascript:x", "", "/a b"] {
            #expect(Redirects.safe(bad) == nil, "\(bad)")
        }
    }
}
