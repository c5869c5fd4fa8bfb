/// The byte units batchview reports in, defined once: KB, MB and GB are powers of 1000
/// (1 MB = 10^6 bytes, and MB/s likewise) in the inspector's panes, the pipeline statistics,
/// progress bars and `bench`'s rates.
///
/// MiB (2^20 bytes) appears only in `bench`'s memory fields (`peak_rss_MB`, `base_rss_MB` and the
/// other resident, heap and cache figures), because `peers.py`, whose records `bench`'s are
/// compared with, reports memory in MiB; see ``mebibytes(_:)``.
///
/// ```swift
/// ByteUnits.megabytes(52_428_800)  // 52.4288
/// ByteUnits.mebibytes(52_428_800)  // 50.0
/// ```
public enum ByteUnits {
    /// Bytes in a kilobyte (KB).
    public static let kilobyte = 1000
    /// Bytes in a megabyte (MB).
    public static let megabyte = 1_000_000
    /// Bytes in a gigabyte (GB).
    public static let gigabyte = 1_000_000_000
    /// Bytes in a mebibyte (MiB), for figures compared with `peers.py`'s only.
    public static let mebibyte = 1 << 20

    /// `bytes` in megabytes (10^6 bytes); a rate in bytes per second gives MB/s.
    public static func megabytes(_ bytes: Double) -> Double { bytes / Double(megabyte) }

    /// `bytes` in megabytes (10^6 bytes).
    public static func megabytes(_ bytes: Int) -> Double { megabytes(Double(bytes)) }

    /// `bytes` in mebibytes (2^20 bytes): only for `bench`'s memory fields, which keep the unit of
    /// `peers.py`'s `peak_rss_MB` (`ru_maxrss` / 1024) so the two stay comparable.
    public static func mebibytes(_ bytes: Int) -> Double { Double(bytes) / Double(mebibyte) }
}
