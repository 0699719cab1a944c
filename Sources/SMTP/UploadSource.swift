import CCurl

/// The message bytes that libcurl pulls through its read callback during one transfer.
///
/// Used by one thread only: libcurl calls the read callback on the thread running
/// curl_easy_perform.
final class UploadSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Copies the next bytes into `buffer`; 0 tells libcurl the message is complete.
    func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        buffer.copyBytes(from: bytes[offset..<offset + count])
        offset += count
        return count
    }
}

/// libcurl's CURLOPT_READFUNCTION: `context` is the UploadSource that the handle keeps alive.
let uploadReadCallback:
    @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        buffer, size, count, context in
        guard let buffer, let context else { return Int(CURL_READFUNC_ABORT) }

        let source = Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue()
        return source.fill(UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
    }
