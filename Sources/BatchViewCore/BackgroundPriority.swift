#if os(Linux)
    import Glibc
#endif

/// The scheduling priority of the inspector's whole-batch reads: below the key's path, so that
/// a key pressed while 50 MB files are read ahead draws its page with the cores' time first.
enum BackgroundPriority {
    /// The nice value the read-ahead threads run at (0 is the default, 19 the lowest).
    static let readAheadNice: Int32 = 10

    /// Lowers the calling thread's priority to ``readAheadNice`` (Linux keeps a nice value per
    /// thread; elsewhere it would be the whole process's, so nothing changes). Call it only on
    /// a thread of one's own: it cannot be raised back without privileges.
    static func lowerThisThread() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, readAheadNice)
        #endif
    }
}
