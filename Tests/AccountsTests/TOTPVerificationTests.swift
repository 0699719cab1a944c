import Foundation
import Testing

@testable import Accounts

/// Accepting codes: skew, replay and malformed input. The clock is a fixed date.
@Suite struct TOTPVerificationTests {
    let totp = TOTP(secret: Array("12345678901234567890".utf8))
    let now = Date(timeIntervalSince1970: 1_700_000_015)

    var currentStep: UInt64 { totp.step(at: now) }

    @Test func stepCountsWholePeriodsSinceTheEpoch() {
        #expect(currentStep == 56_666_667)
        #expect(totp.step(at: Date(timeIntervalSince1970: 59)) == 1)
        #expect(totp.step(at: Date(timeIntervalSince1970: 60)) == 2)
        #expect(totp.step(at: Date(timeIntervalSince1970: -100)) == 0)
    }

    @Test func currentCodeMatchesItsStep() {
        let code = totp.code(at: now)
        #expect(totp.matchingStep(code, at: now, after: nil) == currentStep)
    }

    @Test(arguments: [-1, 1])
    func oneStepEitherSideIsAccepted(offset: Int) {
        let step = currentStep.advanced(by: offset)
        let code = totp.code(counter: step)

        #expect(totp.matchingStep(code, at: now, after: nil) == step)
    }

    @Test(arguments: [-2, 2])
    func twoStepsAwayIsRefused(offset: Int) {
        let code = totp.code(counter: currentStep.advanced(by: offset))
        #expect(totp.matchingStep(code, at: now, after: nil) == nil)
    }

    @Test func widerSkewAcceptsTwoStepsAway() {
        let code = totp.code(counter: currentStep - 2)
        #expect(totp.matchingStep(code, at: now, skew: 2, after: nil) == currentStep - 2)
    }

    @Test func aUsedCodeCannotBeReplayed() throws {
        let code = totp.code(at: now)
        let used = try #require(totp.matchingStep(code, at: now, after: nil))
        let later = now.addingTimeInterval(20)

        #expect(totp.matchingStep(code, at: now, after: used) == nil)
        #expect(totp.matchingStep(code, at: later, after: used) == nil)
    }

    @Test func codesFromBeforeTheLastUsedStepAreRefused() {
        let previous = totp.code(counter: currentStep - 1)
        let next = totp.code(counter: currentStep + 1)

        #expect(totp.matchingStep(previous, at: now, after: currentStep) == nil)
        #expect(totp.matchingStep(next, at: now, after: currentStep) == currentStep + 1)
    }

    @Test(arguments: ["", "12345", "1234567", "abcdef", "28708２", " 287082"])
    func malformedCodesAreRefused(code: String) {
        #expect(totp.matchingStep(code, at: now, after: nil) == nil)
    }

    @Test func stepZeroHasNoPreviousStepToUnderflowInto() {
        let epoch = Date(timeIntervalSince1970: 0)
        let code = totp.code(counter: 0)

        #expect(totp.matchingStep(code, at: epoch, after: nil) == 0)
        #expect(totp.matchingStep(totp.code(counter: 1), at: epoch, after: nil) == 1)
    }
}
