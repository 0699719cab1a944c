import Synchronization

/// A generated page split at its slots, kept per build: a published build never changes, so
/// a page is read from disk and scanned for slots once, then served from memory.
struct ParsedPage: Sendable {
    enum Part: Sendable {
        case text([UInt8])
        case slot(Slots.Slot, fallback: [Part])
    }

    let parts: [Part]
    let size: Int

    init(_ bytes: [UInt8]) {
        parts = Slots.parse(bytes[...])
        size = bytes.count
    }

    /// The page with each slot decided by `decide`.
    func render(_ decide: (Slots.Slot) -> Slots.Fill) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(size + 2048)
        Self.render(parts, into: &out, decide)
        return out
    }

    private static func render(
        _ parts: [Part], into out: inout [UInt8], _ decide: (Slots.Slot) -> Slots.Fill
    ) {
        for part in parts {
            switch part {
            case .text(let bytes): out.append(contentsOf: bytes)
            case .slot(let slot, let fallback):
                switch decide(slot) {
                case .keep: render(fallback, into: &out, decide)
                case .replace(let text): out.append(contentsOf: text.utf8)
                case .remove: break
                }
            }
        }
    }
}

/// Parsed pages by path, for one build, within a memory budget (see `BoundedCache`), so a
/// crawl of every page cannot grow the server without end.
final class PageCache: Sendable {
    private let pages: BoundedCache<ParsedPage>

    init(budget: Int = 8 << 20) {
        pages = BoundedCache(budget: budget) { $0.size }
    }

    func page(_ path: String, load: () -> [UInt8]?) -> ParsedPage? {
        pages.value(path) { load().map(ParsedPage.init) }
    }
}
