import Testing

@testable import Crypto

@Suite struct RandomAndConstantTimeTests {
    @Test func randomBytesHaveTheAskedLengthAndDiffer() {
        let first = SecureRandom.bytes(32)
        let second = SecureRandom.bytes(32)

        #expect(first.count == 32)
        #expect(first != second)
        #expect(SecureRandom.bytes(0).isEmpty)
    }

    @Test func equalBytesCompareEqual() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.equals([], []))
    }

    @Test func differentBytesOrLengthsCompareUnequal() {
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
    }
}
