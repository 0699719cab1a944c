/// Stops the fuzz run when a property does not hold.
///
/// `precondition` drops its message in `-O` builds, and a finding without its reason costs a
/// debugging session; `fatalError` always prints it before libFuzzer reports the crash.
func check(_ holds: Bool, _ message: @autoclosure () -> String) {
    if !holds { fatalError(message()) }
}
