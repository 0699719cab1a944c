/// How one message's attempt ended.
enum DeliveryOutcome: Equatable {
    /// Accepted; `note` tells when its state file could not follow it.
    case sent(note: String?)
    case postponed
    /// Refused for good; `note` as for `sent`.
    case failed(note: String?)
    case problem(String)
}

extension DeliveryReport {
    mutating func record(_ outcome: DeliveryOutcome, for name: String) {
        switch outcome {
        case .sent(let note):
            sent.append(name)
            problems += note.map { [$0] } ?? []
        case .postponed:
            postponed.append(name)
        case .failed(let note):
            failed.append(name)
            problems += note.map { [$0] } ?? []
        case .problem(let text):
            problems.append(text)
        }
    }
}
