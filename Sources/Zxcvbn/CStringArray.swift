#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Copies of Swift strings as C strings, handed to C as a NULL-terminated `char *[]`.
///
/// Owns the copies (strdup) and frees them in `deinit`; the array of pointers exists only
/// inside `withNullTerminated`, so C never sees a pointer that outlives its string.
final class CStringArray {
    private let pointers: [UnsafeMutablePointer<CChar>]

    init(_ strings: [String]) {
        pointers = strings.map { string in
            guard let copy = strdup(string) else {
                preconditionFailure("Out of memory copying a word for zxcvbn")
            }
            return copy
        }
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }

    func withNullTerminated<R>(_ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>) -> R) -> R {
        var list: [UnsafePointer<CChar>?] = pointers.map { UnsafePointer($0) }
        list.append(nil)
        return list.withUnsafeMutableBufferPointer { buffer in
            // A non-empty array (it holds at least the terminator) has a base address.
            guard let base = buffer.baseAddress else { preconditionFailure("empty list") }
            return body(base)
        }
    }
}
