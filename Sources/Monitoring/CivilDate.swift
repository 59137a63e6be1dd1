/// Calendar dates from days since 1970-01-01 in the proleptic Gregorian calendar (Howard
/// Hinnant's civil_from_days), for formatting times without Foundation.
public enum CivilDate {
    /// (year, month 1-12, day 1-31) of day `z0` after (or before, when negative) the epoch.
    public static func fromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
