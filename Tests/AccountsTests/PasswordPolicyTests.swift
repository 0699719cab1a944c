import Testing

@testable import Accounts

/// Each example fails exactly one rule, for user "marieke.devries" at "De Linde Portaal".
@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    func problems(_ password: String, username: String = "marieke.devries") -> [PasswordRule] {
        policy.problems(password: password, username: username, organisation: "De Linde Portaal")
    }

    @Test(arguments: [
        "Fietsbel#Regen7", "Tulpen!Maart9", "Kx9#mQ2!vL", "correct-Horse-battery-staple-7",
        "ÇĞÖŞ#bqtz7wx", "ÉCOLE#zeven7Xq", "ma7#Qp2!Lz9x",
    ])
    func goodPasswordsHaveNoProblems(password: String) {
        #expect(problems(password) == [])
    }

    @Test(arguments: [
        ("k7#Qp2Z", PasswordRule.length),
        ("fietsbel#regen7", .uppercase),
        ("FIETSBEL#REGEN7", .lowercase),
        ("Fietsbel#Regen!", .digit),
        ("Fietsbel7Regen9", .special),
        ("Fietsbel#Regen 7", .forbiddenCharacters),
        ("Fietsbel@Regen7!", .forbiddenCharacters),
        ("Fietsbel,Regen7!", .forbiddenCharacters),
        ("Fietsbel.Regen7!", .forbiddenCharacters),
        ("Fietsbel#Regen7\t", .forbiddenCharacters),
        ("Xq7!DeVries#Fietsbel9Regen", .containsUsername),
        ("Welkom01!", .tooCommon),
        ("Password1!", .tooCommon),
        ("Wachtwoord1!", .tooCommon),
        ("Zomer2024!", .tooCommon),
        (String(repeating: "Kx9#mQ2!vL", count: 13) + "q7#", .tooLong),
    ])
    func eachExampleFailsExactlyItsRule(password: String, rule: PasswordRule) {
        #expect(problems(password) == [rule])
    }

    @Test func everyFailingRuleIsReportedInOrder() {
        #expect(problems("") == [.length, .uppercase, .lowercase, .digit, .special, .tooCommon])
        #expect(
            problems("marieke devries") == [
                .uppercase, .digit, .special, .forbiddenCharacters, .containsUsername, .tooCommon,
            ])
    }

    @Test func usernameMatchIgnoresCaseAndShortParts() {
        #expect(problems("Kx9#MARIEKE!vLq").contains(.containsUsername))
        #expect(problems("Kx9#jo!vLq7Tz", username: "jo_bakker") == [])
        #expect(problems("Kx9#Bakker!vLq7", username: "jo_bakker").contains(.containsUsername))
        #expect(problems("Kx9#jo!vLq7b", username: "jo-b") == [])
        #expect(problems("Kx9#jo-b!vLq7", username: "jo-b").contains(.containsUsername))
    }

    @Test func organisationNameMakesAPasswordWeaker() {
        let withOrganisation = policy.problems(
            password: "LindePortaal#1", username: "jan", organisation: "De Linde Portaal")
        let elsewhere = policy.problems(
            password: "LindePortaal#1", username: "jan", organisation: "Zorgcentrum Oost")

        #expect(withOrganisation == [.tooCommon])
        #expect(elsewhere == [])
    }

    @Test func lengthLimitsAreInclusive() {
        let eight = "Kx9#mQ2!"
        let max = String(repeating: "Kx9#mQ2!vL", count: 12) + "q7#Vx!9m"

        #expect(eight.count == 8 && max.count == 128)
        #expect(problems(eight) == [])
        #expect(problems(max) == [])
        #expect(problems(max + "Z") == [.tooLong])
    }

    @Test func explanationKeysAreDistinctAndPrefixed() {
        let keys = PasswordRule.allCases.map(\.explanationKey)

        #expect(Set(keys).count == PasswordRule.allCases.count)
        #expect(keys.allSatisfy { $0.hasPrefix("password_rule_") })
        #expect(PasswordRule.length.explanationKey == "password_rule_length")
        #expect(
            PasswordRule.forbiddenCharacters.explanationKey
                == "password_rule_forbidden_characters")
    }

    @Test func specialCharactersAreASCIIPunctuationLessTheForbidden() {
        let punctuation = (33...126).compactMap(Unicode.Scalar.init).map(Character.init)
            .filter { !$0.isLetter && !$0.isNumber }
        let expected = Set(punctuation).subtracting(["@", ",", "."])

        #expect(PasswordPolicy.specialCharacters == expected)
        #expect(problems("Fietsbel€Regen7") == [.special])
    }
}
