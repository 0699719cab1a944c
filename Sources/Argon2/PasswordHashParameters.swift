/// The cost and sizes of an argon2id hash.
public struct PasswordHashParameters: Sendable, Equatable {
    /// Memory per hash in KiB.
    public let memoryKiB: UInt32
    /// Passes over the memory.
    public let iterations: UInt32
    /// Parallel lanes.
    public let lanes: UInt32
    /// Salt length in bytes.
    public let saltLength: Int
    /// Hash length in bytes.
    public let hashLength: Int

    /// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane; 16-byte salt and
    /// 32-byte hash.
    public static let owasp = PasswordHashParameters(
        memoryKiB: 19_456, iterations: 2, lanes: 1, saltLength: 16, hashLength: 32)

    /// How an encoded hash with these parameters begins, up to the salt.
    public var encodedPrefix: String {
        "$argon2id$v=19$m=\(memoryKiB),t=\(iterations),p=\(lanes)$"
    }
}
