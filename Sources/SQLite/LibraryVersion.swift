internal import CSQLite

extension Database {
    /// The version of SQLite linked in, such as `3.40.1`, for `careportal doctor`.
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// The same as one number, 3.40.1 as 3_040_001, for comparing against a minimum.
    public static var libraryVersionNumber: Int { Int(sqlite3_libversion_number()) }
}
