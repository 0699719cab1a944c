import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238) on top of HOTP (RFC 4226).
///
/// The clock is passed in to every call, so tests and the server control time.
public struct TOTP: Sendable {
    /// Length of a new secret in bytes: 160 bits, RFC 4226's recommendation for SHA1.
    public static let secretLength = 20

    /// Number of digits in a code (6 to 8).
    public let digits: Int
    /// Length of a time step in seconds.
    public let period: Int
    /// HMAC hash function.
    public let algorithm: OTPAlgorithm
    private let secret: [UInt8]

    /// A generator for `secret`; `digits` must be 6 to 8 and `period` positive.
    public init(
        secret: [UInt8], digits: Int = 6, period: Int = 30, algorithm: OTPAlgorithm = .sha1
    ) {
        precondition((6...8).contains(digits), "TOTP supports 6 to 8 digits")
        precondition(period > 0, "A TOTP period must be positive")
        self.secret = secret
        self.digits = digits
        self.period = period
        self.algorithm = algorithm
    }

    /// The code valid at `time`.
    public func code(at time: Date) -> String {
        code(counter: step(at: time))
    }

    /// The HOTP code for `counter` (RFC 4226 section 5.3).
    public func code(counter: UInt64) -> String {
        let mac = algorithm.authenticate(key: secret, message: counter.bigEndianBytes)
        let value = Self.dynamicTruncation(mac) % Self.modulus(digits: digits)
        let text = String(value)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The time step containing `time`: whole periods since the Unix epoch (T0 = 0).
    /// A time before the epoch, or beyond what a step can count, gives step 0.
    public func step(at time: Date) -> UInt64 {
        let steps = (time.timeIntervalSince1970 / Double(period)).rounded(.down)
        return UInt64(exactly: steps) ?? 0
    }

    /// The step `code` belongs to if it is valid at `time` within `skew` (0-10) steps either side
    /// and later than `lastUsedStep`; nil otherwise. Store the result as the new
    /// `lastUsedStep` so the same code cannot be used twice.
    ///
    /// When a code matches several steps the latest is returned, so that storing it also
    /// shuts out the same digits at the later step.
    public func matchingStep(
        _ code: String, at time: Date, skew: Int = 1, after lastUsedStep: UInt64?
    ) -> UInt64? {
        precondition((0...10).contains(skew), "TOTP skew must be 0 to 10 steps")
        let given = Array(code.utf8)

        return candidateSteps(around: step(at: time), skew: skew)
            .reversed()
            .lazy
            .filter { step in lastUsedStep.map { step > $0 } ?? true }
            .first { ConstantTime.equals(Array(self.code(counter: $0).utf8), given) }
    }

    private func candidateSteps(around current: UInt64, skew: Int) -> ClosedRange<UInt64> {
        let width = UInt64(skew)
        let lower = current >= width ? current - width : 0
        let (upper, overflow) = current.addingReportingOverflow(width)
        return lower...(overflow ? .max : upper)
    }

    /// RFC 4226 section 5.4: 31 bits from the offset named by the MAC's last nibble.
    private static func dynamicTruncation(_ mac: [UInt8]) -> UInt32 {
        let offset = Int(mac[mac.count - 1] & 0x0f)
        return mac[offset..<(offset + 4)].reduce(0) { ($0 << 8) | UInt32($1) } & 0x7fff_ffff
    }

    private static func modulus(digits: Int) -> UInt32 {
        (0..<digits).reduce(1) { value, _ in value * 10 }
    }
}

extension UInt64 {
    /// The 8-byte big-endian counter HOTP feeds to HMAC.
    fileprivate var bigEndianBytes: [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
    }
}
