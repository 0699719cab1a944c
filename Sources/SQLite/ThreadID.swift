#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Identifies the calling thread, to tell a re-entrant call from a call by another thread.
enum ThreadID {
    /// The calling thread's id; never 0 for a running thread.
    static var current: UInt {
        #if canImport(Glibc)
            UInt(pthread_self())
        #else
            UInt(bitPattern: pthread_self())
        #endif
    }
}
