/// HTTP status classes as exporters label them: single codes (`"503"`) or grouped (`"5xx"`).
public enum StatusClass {
    /// Whether a status label value is a server error: 500-599, or `5xx` in any case.
    public static func isServerError(_ label: String) -> Bool {
        let u = Array(label.utf8)
        guard u.count == 3, u[0] == UInt8(ascii: "5") else { return false }
        let isDigit = { (c: UInt8) in c >= 48 && c <= 57 }
        if isDigit(u[1]) && isDigit(u[2]) { return true }
        return (u[1] | 0x20) == UInt8(ascii: "x") && (u[2] | 0x20) == UInt8(ascii: "x")
    }
}
