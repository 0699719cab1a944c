import Testing

@testable import Zxcvbn

@Suite struct PasswordStrengthTests {
    static let randomLooking = "q7#Vx!9mLp2$Rt8&Kw4z"

    @Test(arguments: ["Welkom01!", "Password1!", "Qwerty123!", "P@ssw0rd!"])
    func commonPatternsScoreFarBelowARandomPassword(password: String) {
        let weak = PasswordStrength.entropyBits(password, userWords: [])
        let strong = PasswordStrength.entropyBits(Self.randomLooking, userWords: [])

        #expect(weak < 40)
        #expect(strong > 90)
        #expect(strong - weak > 50)
    }

    @Test func userWordsLowerAPasswordContainingThem() {
        let password = "Marieke#Linde1987"
        let plain = PasswordStrength.entropyBits(password, userWords: [])
        let personal = PasswordStrength.entropyBits(password, userWords: ["marieke", "linde"])

        #expect(personal < plain - 15)
    }

    @Test func estimateNamesTheRecognisedParts() {
        let estimate = PasswordStrength.estimate("devriesqwerty", userWords: ["devries"])
        let parts = estimate.parts.map { [$0.start, $0.length] }

        #expect(estimate.parts.map(\.kind) == [.userWord, .dictionary])
        #expect(parts == [[0, 7], [7, 6]])
    }

    @Test func emptyAndNonASCIIPasswordsAreScoredWithoutCrashing() {
        #expect(PasswordStrength.entropyBits("", userWords: [""]) == 0)
        #expect(PasswordStrength.entropyBits("Ëlandsgracht€7ß", userWords: ["ë"]) > 0)
    }

    /// Documents the claim that ZxcvbnMatch keeps no shared state.
    @Test func concurrentEstimatesAgreeWithSerialOnes() async {
        let passwords = ["Welkom01!", Self.randomLooking, "Marieke#Linde1987", "abc"]
        let serial = passwords.map { PasswordStrength.entropyBits($0, userWords: ["linde"]) }

        let concurrent = await withTaskGroup(of: (Int, Double).self) { group in
            for round in 0..<200 {
                let index = round % passwords.count
                group.addTask {
                    (index, PasswordStrength.entropyBits(passwords[index], userWords: ["linde"]))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for (index, bits) in concurrent {
            #expect(bits == serial[index])
        }
    }
}
