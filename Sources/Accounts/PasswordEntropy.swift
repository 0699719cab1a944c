extension PasswordPolicy {
    /// 40 bits, zxcvbn's estimate (log2 of guesses).
    ///
    /// Why 40: zxcvbn already calls about 34 bits "very strong", yet word + year + "!"
    /// patterns that pass the character rules ("Welkom01!", "Zomer2024!") score 25-37 bits
    /// and are the first things a cracker tries. A leaked argon2id hash at 19 MiB per guess
    /// allows roughly ten thousand guesses a second on one GPU, so the 2^39 guesses needed
    /// on average take over a year of GPU time per account; yet two unrelated words with
    /// a digit and a sign ("Fietsbel#Regen7", about 57 bits) pass easily.
    public static let defaultMinimumEntropyBits = 40.0

    /// Common Dutch password words. Known limit: zxcvbn's built-in dictionaries are
    /// English, so "Wachtwoord1!" would score 44 bits; these words close the worst of that
    /// gap; lifting it fully needs a Dutch frequency list compiled into zxcvbn.
    public static let dutchCommonWords = [
        "wachtwoord", "welkom", "geheim", "hallo", "liefde", "schatje", "zomer", "winter",
        "lente", "herfst", "voorjaar", "januari", "februari", "maart", "april", "mei",
        "juni", "juli", "augustus", "september", "oktober", "november", "december",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "voetbal", "ajax", "feyenoord", "nederland", "holland", "amsterdam", "rotterdam",
        "utrecht", "jeugdzorg", "zorg", "kantoor", "wijkteam",
    ]
}
