/// Whole numbers print without a fraction so `85` does not become `85.0` in the output.
func formatNumber(_ number: Double) -> String {
    // Below 2^53 every whole Double converts to Int64 exactly.
    let exactIntegerLimit = 9_007_199_254_740_992.0

    if number.isFinite, number.rounded(.towardZero) == number, abs(number) < exactIntegerLimit {
        return String(Int64(number))
    }
    return number.description
}
