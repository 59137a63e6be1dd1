import Glibc

/// Raises the soft limit on open files to the hard limit, as Prometheus (Go's runtime) does:
/// the scrape path keeps one connection per target open, and a fleet of a thousand targets
/// would hit the usual soft limit of 1,024 descriptors. Nothing happens when it cannot be read.
enum OpenFileLimit {
    static func raise() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
