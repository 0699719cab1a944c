internal import CSQLite

extension Statement {
    /// The result column names, in order.
    func columnNames() -> [String] {
        let count = sqlite3_column_count(handle)
        return (0..<count).map { index in
            sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
        }
    }

    /// Copies the current row out of SQLite; the row stays valid after the next step.
    func row(columns: [String]) throws(SQLiteError) -> Row {
        var values: [SQLValue] = []
        values.reserveCapacity(columns.count)

        for index in columns.indices {
            values.append(try value(at: Int32(index)))
        }
        return Row(columns: columns, values: values)
    }

    private func value(at column: Int32) throws(SQLiteError) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT: .text(try text(at: column))
        case SQLITE_BLOB: .blob(try blob(at: column))
        default: .null
        }
    }

    // Read the pointer first and the byte count second, as sqlite3_column_bytes docs ask;
    // decoding by length keeps embedded NULs that a C-string read would cut off.
    private func text(at column: Int32) throws(SQLiteError) -> String {
        guard let start = sqlite3_column_text(handle, column) else {
            try checkMemory(doing: "reading a text column")
            return ""
        }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    // SQLite returns NULL for a zero-length blob, so NULL alone is not an error.
    private func blob(at column: Int32) throws(SQLiteError) -> [UInt8] {
        guard let start = sqlite3_column_blob(handle, column) else {
            try checkMemory(doing: "reading a blob column")
            return []
        }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// A NULL column pointer means out-of-memory only when SQLite recorded SQLITE_NOMEM.
    private func checkMemory(doing: String) throws(SQLiteError) {
        let code = sqlite3_errcode(sqlite3_db_handle(handle))
        guard code != SQLITE_NOMEM else { throw error(code, doing: doing) }
    }
}
