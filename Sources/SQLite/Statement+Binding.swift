internal import CSQLite

extension Statement {
    /// Binds `values` to the `?` placeholders by position; the counts must match.
    func bind(_ values: [SQLValue]) throws(SQLiteError) {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw .misuse(
                "the statement has \(expected) placeholders but \(values.count) values were "
                    + "given; pass exactly one value per placeholder"
            )
        }

        for (offset, value) in values.enumerated() {
            let position = Int32(offset + 1)
            let code = bind(value, at: position)
            guard code == SQLITE_OK else {
                throw error(code, doing: "binding value \(position)")
            }
        }
    }

    private func bind(_ value: SQLValue, at position: Int32) -> Int32 {
        switch value {
        case .null: sqlite3_bind_null(handle, position)
        case .integer(let number): sqlite3_bind_int64(handle, position, number)
        case .real(let number): sqlite3_bind_double(handle, position, number)
        case .text(let text): bind(text: text, at: position)
        case .blob(let bytes): bind(blob: bytes, at: position)
        }
    }

    // SQLITE_TRANSIENT makes SQLite copy the bytes before returning, so the buffer only
    // has to live for the call (sqlite3_bind_blob docs).
    private func bind(text: String, at position: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                // A NULL pointer would bind SQL NULL, so an empty text gets a real "".
                guard let start = chars.baseAddress, !chars.isEmpty else {
                    return sqlite3_bind_text(handle, position, "", 0, csqlite_transient())
                }
                let length = UInt64(chars.count)
                let encoding = UInt8(SQLITE_UTF8)
                return sqlite3_bind_text64(
                    handle, position, start, length, csqlite_transient(), encoding
                )
            }
        }
    }

    private func bind(blob: [UInt8], at position: Int32) -> Int32 {
        blob.withUnsafeBytes { bytes in
            // A NULL pointer would bind SQL NULL, so an empty blob is bound as a zero blob.
            guard let start = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_zeroblob(handle, position, 0)
            }
            let length = UInt64(bytes.count)
            return sqlite3_bind_blob64(handle, position, start, length, csqlite_transient())
        }
    }
}
