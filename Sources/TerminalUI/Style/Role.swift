/// A semantic role for a cell. Views pick roles; themes map roles to colours and attributes.
/// `maskCode` is the one-character code used in role-mask snapshots.
public enum Role: UInt8, CaseIterable, Sendable {
    case normal, muted, emphasis, title, border, borderFocused, header, selected, accent
    case ok, warning, critical, info, unknown, stale
    case gaugeOK, gaugeWarning, gaugeCritical, gaugeTrack
    case series1, series2, series3, series4
    case statusBar, keyHint, dialog, dialogButton, dialogButtonFocused, input
    case banner, productionBanner, searchMatch

    /// The role's name in theme files (snake_case).
    public var themeName: String {
        switch self {
        case .normal: "normal"
        case .muted: "muted"
        case .emphasis: "emphasis"
        case .title: "title"
        case .border: "border"
        case .borderFocused: "border_focused"
        case .header: "header"
        case .selected: "selected"
        case .accent: "accent"
        case .ok: "ok"
        case .warning: "warning"
        case .critical: "critical"
        case .info: "info"
        case .unknown: "unknown"
        case .stale: "stale"
        case .gaugeOK: "gauge_ok"
        case .gaugeWarning: "gauge_warning"
        case .gaugeCritical: "gauge_critical"
        case .gaugeTrack: "gauge_track"
        case .series1: "series1"
        case .series2: "series2"
        case .series3: "series3"
        case .series4: "series4"
        case .statusBar: "status_bar"
        case .keyHint: "key_hint"
        case .dialog: "dialog"
        case .dialogButton: "dialog_button"
        case .dialogButtonFocused: "dialog_button_focused"
        case .input: "input"
        case .banner: "banner"
        case .productionBanner: "production_banner"
        case .searchMatch: "search_match"
        }
    }

    /// One character per role for snapshot role masks ('.' is `normal`).
    public var maskCode: Character {
        let codes = Array(".mETbBHSaOWCIUsgyrtLKMNQkDdfiPXh")
        return codes[Int(rawValue)]
    }

    public init?(themeName: String) {
        guard let r = Role.allCases.first(where: { $0.themeName == themeName }) else { return nil }
        self = r
    }

    /// The chart series roles in order, for multi-series widgets.
    public static let series: [Role] = [.series1, .series2, .series3, .series4]
}
