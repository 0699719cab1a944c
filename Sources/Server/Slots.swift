/// Finds the `<!--slot:NAME-->default<!--/slot:NAME-->` regions the build leaves in pages.
///
/// `ParsedPage` renders them without the markers; what happens to a region is the caller's
/// choice per slot name: keep its default text, replace it, or drop it.
enum Slots {
    /// A slot's name, split once when the page is first read: `count:reports` is the kind
    /// `count` with the argument `reports`.
    struct Slot: Sendable, Equatable {
        enum Kind: String, Sendable {
            case account, clientSwitch = "client-switch", thisWeek = "this-week"
            case item, unread, unreadClass = "unread-class", count, empty
            case showRead = "show-read", read, comments, replies, replyForm = "reply-form"
            case repliesBefore = "replies-before"
            /// A name this server does not know: the slot keeps its default text.
            case unknown
        }

        let kind: Kind
        let argument: String
        let name: String

        init(_ name: String) {
            self.name = name
            let colon = name.firstIndex(of: ":")
            kind = Kind(rawValue: String(name[..<(colon ?? name.endIndex)])) ?? .unknown
            argument = colon.map { String(name[name.index(after: $0)...]) } ?? ""
        }
    }

    enum Fill {
        case keep
        case replace(String)
        case remove
    }

    private static let open = Array("<!--slot:".utf8)
    private static let close = Array("<!--/slot:".utf8)
    private static let end = Array("-->".utf8)

    /// Splits a page into text and slots once, for `ParsedPage`.
    static func parse(_ page: ArraySlice<UInt8>) -> [ParsedPage.Part] {
        var parts: [ParsedPage.Part] = []
        var rest = page
        while let start = firstIndex(of: open, in: rest) {
            parts.append(.text(Array(rest[rest.startIndex..<start])))
            let nameStart = start + open.count
            guard let nameEnd = firstIndex(of: end, in: rest[nameStart...]) else { break }
            let name = String(decoding: rest[nameStart..<nameEnd], as: UTF8.self)
            let closing = close + Array(name.utf8) + end
            let bodyStart = nameEnd + end.count
            guard let bodyEnd = firstIndex(of: closing, in: rest[bodyStart...]) else {
                rest = rest[bodyStart...]
                continue
            }
            parts.append(.slot(Slot(name), fallback: parse(rest[bodyStart..<bodyEnd])))
            rest = rest[(bodyEnd + closing.count)...]
        }
        parts.append(.text(Array(rest)))
        return parts
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            guard let found = haystack[index...last].firstIndex(of: first) else { return nil }
            if haystack[found..<(found + needle.count)].elementsEqual(needle) { return found }
            index = found + 1
        }
        return nil
    }
}
