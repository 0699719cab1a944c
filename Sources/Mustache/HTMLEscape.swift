/// Appends `text` to `output` with `& < > " '` escaped, copying unescaped runs in one go.
/// Escapes `text` for HTML text and attribute values, exactly as `{{name}}` does.
public func htmlEscaped(_ text: String) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count)
    appendHTMLEscaped(text, to: &output)
    return String(decoding: output, as: UTF8.self)
}

func appendHTMLEscaped(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendHTMLEscaped($0, to: &output) }
}

private func appendHTMLEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    var runStart = 0

    for index in bytes.indices {
        guard let entity = htmlEntity(for: bytes[index]) else {
            continue
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        output.append(contentsOf: entity.utf8)
        runStart = index + 1
    }

    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
}

/// The entity for a byte that HTML treats specially; `'` is included for single-quoted attributes.
private func htmlEntity(for byte: UInt8) -> String? {
    switch byte {
    case UInt8(ascii: "&"): return "&amp;"
    case UInt8(ascii: "<"): return "&lt;"
    case UInt8(ascii: ">"): return "&gt;"
    case UInt8(ascii: "\""): return "&quot;"
    case UInt8(ascii: "'"): return "&#39;"
    default: return nil
    }
}
